/**
 * Linking tables: per-ad link state, the values ads carry, evidence edges, profiles,
 * networks, flows and the analyst's corrections. Lists go to SQL as one JSON parameter
 * (the same on PGlite and node-postgres); writes go in multi-row batches.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { LinkCorrectionRow, LinkRepository, LinkSourceRow, LinkWrite, NetworkRow, ProfileRow, StoredEdge } from '../../app/ports';
import type { Db } from './client';
import { ad, linkAd, linkCorrection, linkEdge, linkFlow, linkNetwork, linkProfile, linkSignal } from './schema';

/** Rows of a raw query on either driver. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/** Splits a list into chunks (bound parameters are limited per statement). */
function* chunks<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

const SOURCE_COLUMNS = sql`
  a.id as "adId", a.source_id || ':' || a.external_id as key, a.source_id as "sourceId",
  a.first_seen_at as "firstSeenAt", a.last_seen_at as "lastSeenAt", a.municipality_code as "municipalityCode",
  a.title, a.body, a.phones, a.content_hash as "contentHash", a.extraction,
  (select o.source_id || ':' || o.external_id from ad o where o.id = a.repost_of) as "repostOfKey",
  coalesce((select array_agg(distinct coalesce(i.group_key, i.sha256)) from ad_image ai join image i on i.sha256 = ai.sha256 where ai.ad_id = a.id), '{}') as "imageGroups"`;

type RawSource = Omit<LinkSourceRow, 'firstSeenAt' | 'lastSeenAt'> & { firstSeenAt: Date | string; lastSeenAt: Date | string };
const toSource = (r: RawSource): LinkSourceRow => ({ ...r, firstSeenAt: new Date(r.firstSeenAt), lastSeenAt: new Date(r.lastSeenAt) });

const profileColumns = {
  id: linkProfile.id,
  networkId: linkProfile.networkId,
  adCount: linkProfile.adCount,
  names: linkProfile.names,
  phones: linkProfile.phones,
  municipalityCodes: linkProfile.municipalityCodes,
  firstSeen: linkProfile.firstSeen,
  lastSeen: linkProfile.lastSeen,
  isTouring: linkProfile.isTouring,
  score: linkProfile.score,
  weightsVersion: linkProfile.weightsVersion,
  contributions: linkProfile.contributions,
  timeline: linkProfile.timeline,
};
const networkColumns = {
  id: linkNetwork.id,
  profileCount: linkNetwork.profileCount,
  adCount: linkNetwork.adCount,
  municipalityCodes: linkNetwork.municipalityCodes,
  firstSeen: linkNetwork.firstSeen,
  lastSeen: linkNetwork.lastSeen,
  score: linkNetwork.score,
  weightsVersion: linkNetwork.weightsVersion,
  contributions: linkNetwork.contributions,
};

export class DrizzleLinkRepository implements LinkRepository {
  constructor(private readonly db: Db) {}

  async pageAds(afterId: string | null, limit: number): Promise<LinkSourceRow[]> {
    const after = afterId === null ? sql`true` : sql`a.id > ${afterId}::uuid`;
    const r = await this.db.execute(
      sql`select ${SOURCE_COLUMNS} from ad a where a.purged_at is null and ${after} order by a.id limit ${limit}`,
    );
    return rowsOf<RawSource>(r).map(toSource);
  }

  async adsByIds(adIds: string[]): Promise<LinkSourceRow[]> {
    if (adIds.length === 0) return [];
    const r = await this.db.execute(sql`
      select ${SOURCE_COLUMNS} from ad a
      where a.purged_at is null and a.id in (select (jsonb_array_elements_text(${json(adIds)}))::uuid)`);
    return rowsOf<RawSource>(r).map(toSource);
  }

  async pendingAdIds(limit: number): Promise<string[]> {
    const r = await this.db.execute(sql`
      select a.id from ad a left join link_ad l on l.ad_id = a.id
      where a.purged_at is null and (
        l.ad_id is null or l.content_hash <> a.content_hash
        or l.last_day <> (a.last_seen_at at time zone 'UTC')::date
        or l.image_count <> (select count(*) from ad_image ai where ai.ad_id = a.id))
      order by a.first_seen_at, a.id
      limit ${limit}`);
    return rowsOf<{ id: string }>(r).map((x) => x.id);
  }

  async carriers(values: { kind: string; value: string }[], perValue: number) {
    const out = new Map<string, { count: number; adIds: string[] }>();
    for (const part of chunks(values, 2000)) {
      const r = await this.db.execute(sql`
        with v as (select x->>'kind' as kind, x->>'value' as value from jsonb_array_elements(${json(part)}) x)
        select v.kind, v.value,
          (select count(*) from link_signal s where s.kind = v.kind and s.value = v.value)::int as n,
          (select coalesce(array_agg(ad_id), '{}') from (select s.ad_id from link_signal s where s.kind = v.kind and s.value = v.value order by s.ad_id limit ${perValue + 1}) x) as ads
        from v`);
      for (const row of rowsOf<{ kind: string; value: string; n: number; ads: string[] | string }>(r)) {
        out.set(`${row.kind}\u0000${row.value}`, { count: Number(row.n), adIds: Array.isArray(row.ads) ? row.ads : parsePgArray(row.ads) });
      }
    }
    return out;
  }

  async adsOfNetworks(networkIds: string[]): Promise<string[]> {
    if (networkIds.length === 0) return [];
    const out: string[] = [];
    for (const part of chunks(networkIds, 5000)) {
      const rows = await this.db.select({ adId: linkAd.adId }).from(linkAd).where(inArray(linkAd.networkId, part));
      for (const r of rows) out.push(r.adId);
    }
    return out;
  }

  async networksOfAds(adIds: string[]): Promise<string[]> {
    if (adIds.length === 0) return [];
    const out = new Set<string>();
    for (const part of chunks(adIds, 5000)) {
      const rows = await this.db.selectDistinct({ n: linkAd.networkId }).from(linkAd).where(inArray(linkAd.adId, part));
      for (const r of rows) out.add(r.n);
    }
    return [...out];
  }

  async signalsOfAds(adIds: string[]) {
    if (adIds.length === 0) return [];
    const out: { adId: string; kind: string; value: string }[] = [];
    for (const part of chunks(adIds, 5000)) {
      out.push(
        ...(await this.db
          .select({ adId: linkSignal.adId, kind: linkSignal.kind, value: linkSignal.value })
          .from(linkSignal)
          .where(inArray(linkSignal.adId, part))),
      );
    }
    return out;
  }

  async idsOfKeys(keys: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (keys.length === 0) return out;
    const r = await this.db.execute(sql`
      select a.id, a.source_id || ':' || a.external_id as key from ad a
      join (select split_part(k, ':', 1) as s, substr(k, length(split_part(k, ':', 1)) + 2) as e from jsonb_array_elements_text(${json(keys)}) k) x
        on a.source_id = x.s and a.external_id = x.e`);
    for (const row of rowsOf<{ id: string; key: string }>(r)) out.set(row.key, row.id);
    return out;
  }

  async corrections(): Promise<LinkCorrectionRow[]> {
    const rows = await this.db
      .select()
      .from(linkCorrection)
      .where(isNull(linkCorrection.revokedAt))
      .orderBy(asc(linkCorrection.createdAt), asc(linkCorrection.id));
    return rows.map((r) => ({
      id: r.id,
      type: r.type as LinkCorrectionRow['type'],
      level: r.level as LinkCorrectionRow['level'],
      adA: r.adA,
      adB: r.adB,
      keepAds: r.keepAds,
      moveAds: r.moveAds,
      signalKind: r.signalKind,
      signalValue: r.signalValue,
      reason: r.reason,
      authorId: r.authorId,
      createdAt: r.createdAt,
    }));
  }

  async addCorrection(row: Omit<LinkCorrectionRow, 'id'>): Promise<LinkCorrectionRow> {
    const [inserted] = await this.db.insert(linkCorrection).values(row).returning({ id: linkCorrection.id });
    return { ...row, id: (inserted as { id: string }).id };
  }

  async write(w: LinkWrite): Promise<void> {
    if (w.adIds.length > 0) {
      const oldProfiles = new Set<string>();
      const oldNetworks = new Set<string>();
      for (const part of chunks(w.adIds, 5000)) {
        const rows = await this.db.select({ p: linkAd.profileId, n: linkAd.networkId }).from(linkAd).where(inArray(linkAd.adId, part));
        for (const r of rows) {
          oldProfiles.add(r.p);
          oldNetworks.add(r.n);
        }
        await this.db.delete(linkEdge).where(inArray(linkEdge.aAd, part));
        await this.db.delete(linkEdge).where(inArray(linkEdge.bAd, part));
        await this.db.delete(linkSignal).where(inArray(linkSignal.adId, part));
        await this.db.delete(linkAd).where(inArray(linkAd.adId, part));
      }
      for (const part of chunks([...oldProfiles], 5000)) {
        await this.db.delete(linkProfile).where(inArray(linkProfile.id, part));
        await this.db.delete(linkFlow).where(inArray(linkFlow.profileId, part));
      }
      for (const part of chunks([...oldNetworks], 5000)) await this.db.delete(linkNetwork).where(inArray(linkNetwork.id, part));
    }
    for (const part of chunks(w.signals, 5000)) await this.db.insert(linkSignal).values(part).onConflictDoNothing();
    for (const part of chunks(w.links, 2000)) {
      await this.db
        .insert(linkAd)
        .values(part.map(({ key, ...l }) => ({ ...l, adKey: key, paramsVersion: w.paramsVersion, linkedAt: w.at })));
    }
    for (const part of chunks(w.edges, 2000)) {
      await this.db.insert(linkEdge).values(
        part.map((e) => ({
          networkId: e.networkId,
          level: e.level,
          aAd: e.a,
          bAd: e.b,
          kind: e.kind,
          value: e.value,
          strength: e.strength,
          similarity: e.similarity,
          isRefused: e.isRefused,
        })),
      );
    }
    for (const part of chunks(w.profiles, 1000)) {
      await this.db
        .insert(linkProfile)
        .values(part.map((p) => ({ ...p, updatedAt: w.at })))
        .onConflictDoNothing();
    }
    for (const part of chunks(w.networks, 1000)) {
      await this.db
        .insert(linkNetwork)
        .values(part.map((n) => ({ ...n, updatedAt: w.at })))
        .onConflictDoNothing();
    }
    for (const part of chunks(w.flows, 5000)) await this.db.insert(linkFlow).values(part);
  }

  async clear(): Promise<void> {
    await this.db.execute(sql`delete from link_edge`);
    await this.db.execute(sql`delete from link_signal`);
    await this.db.execute(sql`delete from link_ad`);
    await this.db.execute(sql`delete from link_profile`);
    await this.db.execute(sql`delete from link_network`);
    await this.db.execute(sql`delete from link_flow`);
  }

  async profile(id: string): Promise<ProfileRow | null> {
    const [row] = await this.db.select(profileColumns).from(linkProfile).where(eq(linkProfile.id, id));
    return row ?? null;
  }

  async network(id: string): Promise<NetworkRow | null> {
    const [row] = await this.db.select(networkColumns).from(linkNetwork).where(eq(linkNetwork.id, id));
    return row ?? null;
  }

  async adsOfProfile(id: string) {
    return this.db
      .select({ adId: linkAd.adId, key: linkAd.adKey, networkId: linkAd.networkId })
      .from(linkAd)
      .where(eq(linkAd.profileId, id))
      .orderBy(asc(linkAd.adKey));
  }

  async edgesOfNetwork(networkId: string): Promise<StoredEdge[]> {
    const r = await this.db.execute(sql`
      select e.network_id as "networkId", e.level, la.ad_key as a, lb.ad_key as b, e.kind, e.value, e.strength, e.similarity, e.is_refused as "isRefused"
      from link_edge e join link_ad la on la.ad_id = e.a_ad join link_ad lb on lb.ad_id = e.b_ad
      where e.network_id = ${networkId} order by e.id`);
    return rowsOf<StoredEdge>(r).map((e) => ({
      ...e,
      strength: Number(e.strength),
      similarity: e.similarity === null ? null : Number(e.similarity),
    }));
  }

  async adDetails(adIds: string[]) {
    if (adIds.length === 0) return [];
    const r = await this.db.execute(sql`
      select a.id, a.source_id || ':' || a.external_id as key, a.title, a.municipality_code as "municipalityCode", a.phones,
        a.first_seen_at as "firstSeenAt", a.last_seen_at as "lastSeenAt", a.is_demo as "isDemo",
        coalesce((select array_agg(ai.sha256 order by ai.first_seen_at, ai.sha256) from ad_image ai where ai.ad_id = a.id), '{}') as images
      from ad a where a.id in (select (jsonb_array_elements_text(${json(adIds)}))::uuid)
      order by a.first_seen_at, key`);
    type Raw = {
      id: string;
      key: string;
      title: string | null;
      municipalityCode: string | null;
      phones: string[] | string;
      firstSeenAt: Date | string;
      lastSeenAt: Date | string;
      isDemo: boolean;
      images: string[] | string;
    };
    return rowsOf<Raw>(r).map((x) => ({
      ...x,
      phones: Array.isArray(x.phones) ? x.phones : parsePgArray(x.phones),
      images: Array.isArray(x.images) ? x.images : parsePgArray(x.images),
      firstSeenAt: new Date(x.firstSeenAt),
      lastSeenAt: new Date(x.lastSeenAt),
    }));
  }

  async profilesOfNetwork(networkId: string): Promise<ProfileRow[]> {
    return this.db
      .select(profileColumns)
      .from(linkProfile)
      .where(eq(linkProfile.networkId, networkId))
      .orderBy(desc(linkProfile.score), asc(linkProfile.id));
  }

  async listProfiles(q: { municipalityCode?: string; minScore?: number; limit: number }): Promise<ProfileRow[]> {
    const conds = [];
    if (q.municipalityCode) conds.push(sql`${q.municipalityCode} = any(${linkProfile.municipalityCodes})`);
    if (q.minScore !== undefined) conds.push(gte(linkProfile.score, q.minScore));
    return this.db
      .select(profileColumns)
      .from(linkProfile)
      .where(conds.length > 0 ? and(...conds) : undefined)
      .orderBy(desc(linkProfile.score), desc(linkProfile.lastSeen), asc(linkProfile.id))
      .limit(q.limit);
  }

  async demoProfiles(profileIds: string[]): Promise<Set<string>> {
    if (profileIds.length === 0) return new Set();
    const rows = await this.db
      .selectDistinct({ id: linkAd.profileId })
      .from(linkAd)
      .innerJoin(ad, eq(ad.id, linkAd.adId))
      .where(and(inArray(linkAd.profileId, profileIds), eq(ad.isDemo, true)));
    return new Set(rows.map((r) => r.id));
  }

  async correctionsOfAds(keys: string[]): Promise<LinkCorrectionRow[]> {
    if (keys.length === 0) return [];
    const k = new Set(keys);
    return (await this.corrections()).filter((c) =>
      [c.adA, c.adB, ...(c.keepAds ?? []), ...(c.moveAds ?? [])].some((x) => x !== null && k.has(x)),
    );
  }

  async exportAds(afterKey: string | null, limit: number) {
    const r = await this.db.execute(sql`
      select a.source_id || ':' || a.external_id as key, l.profile_id as "profileId", l.network_id as "networkId",
        a.municipality_code as "municipalityCode", a.phones, p.score
      from ad a left join link_ad l on l.ad_id = a.id left join link_profile p on p.id = l.profile_id
      where a.purged_at is null and ${afterKey === null ? sql`true` : sql`a.source_id || ':' || a.external_id > ${afterKey}`}
      order by 1 limit ${limit}`);
    return rowsOf<{
      key: string;
      profileId: string | null;
      networkId: string | null;
      municipalityCode: string | null;
      phones: string[] | string;
      score: number | null;
    }>(r).map((x) => ({
      ...x,
      phones: Array.isArray(x.phones) ? x.phones : parsePgArray(x.phones),
      score: x.score === null ? null : Number(x.score),
    }));
  }

  async exportProfiles(afterId: string | null, limit: number): Promise<ProfileRow[]> {
    return this.db
      .select(profileColumns)
      .from(linkProfile)
      .where(afterId === null ? undefined : gt(linkProfile.id, afterId))
      .orderBy(asc(linkProfile.id))
      .limit(limit);
  }

  async exportNetworks(afterId: string | null, limit: number): Promise<NetworkRow[]> {
    return this.db
      .select(networkColumns)
      .from(linkNetwork)
      .where(afterId === null ? undefined : and(gt(linkNetwork.id, afterId)))
      .orderBy(asc(linkNetwork.id))
      .limit(limit);
  }
}

/** Parses a PostgreSQL text array literal ("{a,b}") as some drivers return it for raw queries. */
function parsePgArray(s: string | null): string[] {
  if (s === null || s === '{}' || s === '') return [];
  return s
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((x) => x.replace(/^"|"$/g, ''));
}
