/**
 * A deterministic layout for a network graph: profiles (sorted by id) on a circle, each
 * profile's ads (sorted by key) on a small circle around the profile's place. The same network
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
const MARGIN = 40;

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutNetwork(adProfiles: Readonly<Record<string, string>>): NetworkLayout {
  const byProfile = new Map<string, string[]>();
  for (const [key, profileId] of Object.entries(adProfiles)) byProfile.set(profileId, [...(byProfile.get(profileId) ?? []), key]);
  const profileIds = [...byProfile.keys()].sort();
  const rings = profileIds.map((id) => {
    const n = byProfile.get(id)?.length ?? 0;
    return n <= 1 ? 0 : Math.max(AD_SPACING, (n * AD_SPACING) / (2 * Math.PI));
  });
  const circumference = rings.reduce((sum, r) => sum + 2 * r + PROFILE_GAP, 0);
  const bigR = profileIds.length <= 1 ? 0 : Math.max(circumference / (2 * Math.PI), (rings[0] ?? 0) + PROFILE_GAP);

  const profiles: LaidOutProfile[] = [];
  const ads: LaidOutAd[] = [];
  // Profiles sit at angles proportional to their share of the circumference, so big rings get room.
  let along = 0;
  profileIds.forEach((id, index) => {
    const r = rings[index] ?? 0;
    const share = circumference > 0 ? (along + r + PROFILE_GAP / 2) / circumference : 0;
    along += 2 * r + PROFILE_GAP;
    const angle = 2 * Math.PI * share - Math.PI / 2;
    const px = round(bigR * Math.cos(angle));
    const py = round(bigR * Math.sin(angle));
    profiles.push({ id, index, x: px, y: py, r: round(r) });
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

  const xs = ads.map((a) => a.x);
  const ys = ads.map((a) => a.y);
  const minX = Math.min(0, ...xs) - MARGIN;
  const minY = Math.min(0, ...ys) - MARGIN;
  const maxX = Math.max(0, ...xs) + MARGIN;
  const maxY = Math.max(0, ...ys) + MARGIN;
  return { ads, profiles, viewBox: { x: round(minX), y: round(minY), width: round(maxX - minX), height: round(maxY - minY) } };
}
