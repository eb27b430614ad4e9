/**
 * A deterministic layout for a network graph: profiles (sorted by id) on a circle, each
 * profile's ads (sorted by key) on a ring around the profile's place, no two rings overlapping. The same network
 * always gives the same picture; no physics, no randomness, no dependency.
 */

export interface LaidOutAd {
  key: string;
  profileId: string;
  /** 0-based index of the profile, for its colour and number. */
  profileIndex: number;
  x: number;
  y: number;
}

export interface LaidOutProfile {
  id: string;
  index: number;
  x: number;
  y: number;
  /** Radius of the ring its ads sit on (0 for a single ad). */
  r: number;
  /** Where its label goes: outside the ring, away from the centre. */
  labelX: number;
  labelY: number;
}

export interface NetworkLayout {
  ads: LaidOutAd[];
  profiles: LaidOutProfile[];
  viewBox: { x: number; y: number; width: number; height: number };
}

/** Distance between neighbouring ads on a profile's ring. */
const AD_SPACING = 26;
/** Gap between neighbouring profile rings on the big circle. */
const PROFILE_GAP = 48;
/** Room around the drawing for node radii and labels. */
const MARGIN = 60;
/** Distance of a profile's label from its ring. */
const LABEL_OFFSET = 26;

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutNetwork(adProfiles: Readonly<Record<string, string>>): NetworkLayout {
  const byProfile = new Map<string, string[]>();
  for (const [key, profileId] of Object.entries(adProfiles)) byProfile.set(profileId, [...(byProfile.get(profileId) ?? []), key]);
  const profileIds = [...byProfile.keys()].sort();
  const rings = profileIds.map((id) => {
    const n = byProfile.get(id)?.length ?? 0;
    return n <= 1 ? 0 : Math.max(AD_SPACING, (n * AD_SPACING) / (2 * Math.PI));
  });
  // Each profile gets a share of the circle in proportion to its ring; the circle is then made
  // just large enough that no two rings (with the gap between them) overlap.
  const widths = rings.map((r) => 2 * r + PROFILE_GAP);
  const total = widths.reduce((sum, w) => sum + w, 0);
  const angles: number[] = [];
  let along = 0;
  for (const w of widths) {
    angles.push((2 * Math.PI * (along + w / 2)) / total - Math.PI / 2);
    along += w;
  }
  let bigR = 0;
  if (profileIds.length > 1) {
    for (let i = 0; i < rings.length; i++) {
      for (let j = i + 1; j < rings.length; j++) {
        const apart = Math.abs((angles[j] ?? 0) - (angles[i] ?? 0));
        const theta = Math.min(apart, 2 * Math.PI - apart);
        const need = ((rings[i] ?? 0) + (rings[j] ?? 0) + PROFILE_GAP) / (2 * Math.sin(theta / 2));
        bigR = Math.max(bigR, need);
      }
    }
  }

  const profiles: LaidOutProfile[] = [];
  const ads: LaidOutAd[] = [];
  profileIds.forEach((id, index) => {
    const r = rings[index] ?? 0;
    const angle = angles[index] ?? 0;
    const px = round(bigR * Math.cos(angle));
    const py = round(bigR * Math.sin(angle));
    // The label sits outside the ring, away from the centre of the drawing.
    const lx = profileIds.length > 1 ? round(px + (r + LABEL_OFFSET) * Math.cos(angle)) : px;
    const ly = profileIds.length > 1 ? round(py + (r + LABEL_OFFSET) * Math.sin(angle)) : round(py - r - LABEL_OFFSET);
    profiles.push({ id, index, x: px, y: py, r: round(r), labelX: lx, labelY: ly });
    const keys = [...(byProfile.get(id) ?? [])].sort();
    keys.forEach((key, j) => {
      const a = (2 * Math.PI * j) / keys.length - Math.PI / 2;
      ads.push({
        key,
        profileId: id,
        profileIndex: index,
        x: keys.length === 1 ? px : round(px + r * Math.cos(a)),
        y: keys.length === 1 ? py : round(py + r * Math.sin(a)),
      });
    });
  });

  const xs = [...ads.map((a) => a.x), ...profiles.map((p) => p.labelX)];
  const ys = [...ads.map((a) => a.y), ...profiles.map((p) => p.labelY)];
  const minX = Math.min(0, ...xs) - MARGIN;
  const minY = Math.min(0, ...ys) - MARGIN;
  const maxX = Math.max(0, ...xs) + MARGIN;
  const maxY = Math.max(0, ...ys) + MARGIN;
  return { ads, profiles, viewBox: { x: round(minX), y: round(minY), width: round(maxX - minX), height: round(maxY - minY) } };
}
