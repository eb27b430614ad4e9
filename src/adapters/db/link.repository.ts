/**
 * Linking tables: per-ad link state, the values ads carry, evidence edges, profiles,
 * networks, flows and the analyst's corrections. Lists go to SQL as one JSON parameter
 * (the same on PGlite and node-postgres); writes go in multi-row batches.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import type {
  FreshRows,
  LinkCorrectionRow,
  LinkedStateRow,
  LinkRepository,
  LinkSourceRow,
  LinkWrite,
  NetworkRow,
  ProfileRow,
  StoredEdge,
} from '../../app/intelligence/ports';
import { bandKeyFromNumber, bandKeyToNumber } from '../../core/link';
import type { Db } from './client';
import { integerArrayLiteral, rowsOf, textArray, textArrayLiteral, uuidArray } from './sql';
import { ad, linkAd, linkCorrection, linkEdge, linkFlow, linkNetwork, linkProfile, linkQueue, linkSignal } from './schema';

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/** Splits a list into chunks (bound parameters are limited per statement). */
function* chunks<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

const SOURCE_COLUMNS = sql`
  a.id as "adId", a.source_id || ':' || a.external_id as key, a.source_id as "sourceId",
  sg.first_seen_at as "firstSeenAt", sg.last_seen_at as "lastSeenAt", a.municipality_code as "municipalityCode",
  a.title, a.body, a.phones, a.content_hash as "contentHash",
  jsonb_build_object('emails', a.extraction->'emails', 'handles', a.extraction->'handles', 'indicators', a.extraction->'indicators') as extraction,
  (select o.source_id || ':' || o.external_id from ad o where o.id = a.repost_of) as "repostOfKey",
  coalesce((select array_agg(distinct coalesce(i.group_key, i.sha256)) from ad_image ai join image i on i.sha256 = ai.sha256
    where ai.ad_id = a.id and (ai.first_seen_at >= cv.since
      or not exists (select 1 from ad_image aj where aj.ad_id = a.id and aj.first_seen_at >= cv.since))), '{}') as "imageGroups"`;

/**
 * When the ad's current content was first seen. Linking reads the pictures the ad shows now: those
 * stored since its current version began, or, when the new version brought no new picture (an
 * edit of the text), all of them. An ad whose content was replaced (another person under the same
 * id) so no longer carries the old person's pictures into the new person's profile (issue #16).
 */
const CURRENT_VERSION = sql`left join lateral (select v.first_observed_at as since from ad_version v
  where v.ad_id = a.id and v.content_hash = a.content_hash) cv on true`;

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

/** The tables a rebuild writes from scratch (beginFresh … finishFresh). */
const REBUILT_TABLES = ['link_ad', 'link_signal', 'link_edge', 'link_profile', 'link_network', 'link_flow'];

/** Arbitrary constant key for pg_advisory_xact_lock: "linking". */
const LINK_LOCK_KEY = 7_346_110_043;

export class DrizzleLinkRepository implements LinkRepository {
  constructor(private readonly db: Db) {}

  async lock(): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(${LINK_LOCK_KEY})`);
  }

  async pageAds(afterId: string | null, limit: number): Promise<LinkSourceRow[]> {
    const after = afterId === null ? sql`true` : sql`a.id > ${afterId}::uuid`;
    const r = await this.db.execute(
      sql`select ${SOURCE_COLUMNS} from ad a join ad_sighting sg on sg.ad_id = a.id ${CURRENT_VERSION} where a.purged_at is null and ${after} order by a.id limit ${limit}`,
    );
    return rowsOf<RawSource>(r).map(toSource);
  }

  async adsByIds(adIds: string[]): Promise<LinkSourceRow[]> {
    if (adIds.length === 0) return [];
    const r = await this.db.execute(sql`
      select ${SOURCE_COLUMNS} from ad a join ad_sighting sg on sg.ad_id = a.id ${CURRENT_VERSION}
      where a.purged_at is null and a.id in (select unnest(${uuidArray(adIds)}))`);
    return rowsOf<RawSource>(r).map(toSource);
  }

  async linkedStates(adIds: string[]): Promise<LinkedStateRow[]> {
    const out: LinkedStateRow[] = [];
    for (const part of chunks(adIds, 2000)) {
      const r = await this.db.execute(sql`
        select l.ad_id as "adId", l.ad_key as key, a.source_id as "sourceId", sg.first_seen_at as "firstSeenAt", sg.last_seen_at as "lastSeenAt",
          a.municipality_code as "municipalityCode", l.content_hash as "contentHash", l.image_count as "imageCount", l.names, l.text_sig as "textSig",
          (select o.source_id || ':' || o.external_id from ad o where o.id = a.repost_of) as "repostOfKey",
          coalesce((select jsonb_agg(jsonb_build_array(s.kind, s.value)) from link_signal s where s.ad_id = l.ad_id and s.kind <> 'text'), '[]'::jsonb) as signals,
          coalesce((select jsonb_agg(jsonb_build_array(i->>'code', coalesce(i->'evidence'->0->>'text', ''))) from jsonb_array_elements(coalesce(a.extraction->'indicators', '[]'::jsonb)) i), '[]'::jsonb) as indicators
        from link_ad l join ad a on a.id = l.ad_id join ad_sighting sg on sg.ad_id = a.id
        where a.purged_at is null and l.ad_id in (select unnest(${uuidArray(part)}))`);
      type Raw = Omit<LinkedStateRow, 'signals' | 'indicators' | 'firstSeenAt' | 'lastSeenAt' | 'names'> & {
        firstSeenAt: Date | string;
        lastSeenAt: Date | string;
        names: string[] | string;
        signals: [string, string][] | string;
        indicators: [string, string][] | string;
      };
      for (const x of rowsOf<Raw>(r)) {
        const signals = (typeof x.signals === 'string' ? JSON.parse(x.signals) : x.signals) as [string, string][];
        const indicators = (typeof x.indicators === 'string' ? JSON.parse(x.indicators) : x.indicators) as [string, string][];
        out.push({
          ...x,
          firstSeenAt: new Date(x.firstSeenAt),
          lastSeenAt: new Date(x.lastSeenAt),
          names: Array.isArray(x.names) ? x.names : parsePgArray(x.names),
          imageCount: Number(x.imageCount),
          signals: signals.map(([kind, value]) => ({ kind, value })),
          indicators: indicators.map(([code, text]) => ({ code, text })),
        });
      }
    }
    return out;
  }

  async pendingAdIds(limit: number): Promise<string[]> {
    const r = await this.db.execute(sql`
      select q.ad_id as id from link_queue q join ad a on a.id = q.ad_id
      where a.purged_at is null order by q.ad_id limit ${limit}`);
    const ids = rowsOf<{ id: string }>(r).map((x) => x.id);
    if (ids.length < limit) {
      // Purged ads leave the queue without linking.
      await this.db.execute(sql`delete from link_queue q using ad a where a.id = q.ad_id and a.purged_at is not null`);
    }
    return ids;
  }

  async carriers(values: { kind: string; value: string }[], perValue: number) {
    const out = new Map<string, { count: number; adIds: string[]; textSigs: (string | null)[] }>();
    const texts = values.filter((v) => v.kind === 'text').map((v) => v.value);
    const others = values.filter((v) => v.kind !== 'text');
    for (const part of chunks(others, 2000)) {
      const r = await this.db.execute(sql`
        with v as (select x->>'kind' as kind, x->>'value' as value from jsonb_array_elements(${json(part)}) x)
        select v.kind, v.value,
          (select count(*) from link_signal s where s.kind = v.kind and s.value = v.value)::int as n,
          (select coalesce(jsonb_agg(x.ad_id), '[]'::jsonb) from (
             select s.ad_id from link_signal s
             where s.kind = v.kind and s.value = v.value order by s.ad_id limit ${perValue + 1}) x) as ads
        from v`);
      for (const row of rowsOf<{ kind: string; value: string; n: number; ads: string[] | string }>(r)) {
        const ads = (typeof row.ads === 'string' ? JSON.parse(row.ads) : row.ads) as string[];
        out.set(`${row.kind}\u0000${row.value}`, { count: Number(row.n), adIds: ads, textSigs: ads.map(() => null) });
      }
    }
    // Text band keys live in link_ad.text_bands (GIN index), with the signature to verify a candidate.
    for (const part of chunks(texts, 2000)) {
      const r = await this.db.execute(sql`
        with v as (select x->>0 as value, (x->>1)::bigint as band from jsonb_array_elements(${json(part.map((v) => [v, bandKeyToNumber(v)]))}) x)
        select v.value,
          (select count(*) from link_ad l where l.text_bands @> array[v.band])::int as n,
          (select coalesce(jsonb_agg(jsonb_build_array(x.ad_id, x.text_sig)), '[]'::jsonb) from (
             -- OFFSET 0 keeps the GIN lookup: with ORDER BY … LIMIT alone the planner may walk
             -- the primary key and test every row.
             select y.ad_id, y.text_sig from (select l.ad_id, l.text_sig from link_ad l where l.text_bands @> array[v.band] offset 0) y
             order by y.ad_id limit ${perValue + 1}) x) as ads
        from v`);
      for (const row of rowsOf<{ value: string; n: number; ads: [string, string | null][] | string }>(r)) {
        const ads = (typeof row.ads === 'string' ? JSON.parse(row.ads) : row.ads) as [string, string | null][];
        out.set(`text\u0000${row.value}`, { count: Number(row.n), adIds: ads.map((a) => a[0]), textSigs: ads.map((a) => a[1]) });
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
      const r = await this.db.execute(sql`
        select l.ad_id as "adId", b::text as band
        from link_ad l, unnest(l.text_bands) b
        where l.ad_id in (select unnest(${uuidArray(part)}))`);
      for (const x of rowsOf<{ adId: string; band: string }>(r))
        out.push({ adId: x.adId, kind: 'text', value: bandKeyFromNumber(Number(x.band)) });
    }
    return out;
  }

  async idsOfKeys(keys: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (keys.length === 0) return out;
    const r = await this.db.execute(sql`
      select a.id, a.source_id || ':' || a.external_id as key from ad a
      join (select split_part(k, ':', 1) as s, substr(k, length(split_part(k, ':', 1)) + 2) as e from unnest(${textArray(keys)}) k) x
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

  /**
   * Writes a linking run as a difference: the values of the seed ads are replaced; link
   * rows, edges, profiles, networks and flows are written only where they changed, and
   * those that no longer exist are deleted.
   */
  async write(w: LinkWrite): Promise<void> {
    const covered = w.adIds;
    // Values: only the seeds' change. Text band keys go with the link row (text_bands).
    for (const part of chunks(w.seedIds, 5000)) await this.db.delete(linkSignal).where(inArray(linkSignal.adId, part));
    await this.insertSignals(w.signals, true);

    // Link rows.
    const oldLinks = new Map<
      string,
      { profileId: string; networkId: string; names: string[]; contentHash: string; imageCount: number; textSig: string | null }
    >();
    for (const part of chunks(covered, 5000)) {
      const rows = await this.db
        .select({
          adId: linkAd.adId,
          profileId: linkAd.profileId,
          networkId: linkAd.networkId,
          names: linkAd.names,
          contentHash: linkAd.contentHash,
          imageCount: linkAd.imageCount,
          textSig: linkAd.textSig,
        })
        .from(linkAd)
        .where(inArray(linkAd.adId, part));
      for (const { adId, ...rest } of rows) oldLinks.set(adId, rest);
    }
    const newIds = new Set(w.links.map((l) => l.adId));
    const goneLinks = [...oldLinks.keys()].filter((id) => !newIds.has(id));
    for (const part of chunks(goneLinks, 5000)) await this.db.delete(linkAd).where(inArray(linkAd.adId, part));
    const changedLinks = w.links.filter((l) => {
      const o = oldLinks.get(l.adId);
      return (
        !o ||
        o.profileId !== l.profileId ||
        o.networkId !== l.networkId ||
        o.contentHash !== l.contentHash ||
        o.imageCount !== l.imageCount ||
        o.textSig !== l.textSig ||
        o.names.join('\u0000') !== l.names.join('\u0000')
      );
    });
    await this.insertLinks(changedLinks, w, true);

    // Edges: every edge of a covered network has both ends covered.
    const edgeKey = (e: {
      networkId: string;
      level: string;
      a: string;
      b: string;
      kind: string;
      value: string;
      strength: number;
      similarity: number | null;
      isRefused: boolean;
    }) =>
      [
        e.networkId,
        e.level,
        e.a,
        e.b,
        e.kind,
        e.value,
        Math.fround(e.strength),
        e.similarity === null ? '' : Math.fround(e.similarity),
        e.isRefused,
      ].join('\u0000');
    const oldEdges = new Map<string, number[]>();
    for (const part of chunks(covered, 5000)) {
      const rows = await this.db
        .select({
          id: linkEdge.id,
          networkId: linkEdge.networkId,
          level: linkEdge.level,
          a: linkEdge.aAd,
          b: linkEdge.bAd,
          kind: linkEdge.kind,
          value: linkEdge.value,
          strength: linkEdge.strength,
          similarity: linkEdge.similarity,
          isRefused: linkEdge.isRefused,
        })
        .from(linkEdge)
        .where(inArray(linkEdge.aAd, part));
      for (const r of rows) {
        const k = edgeKey(r);
        oldEdges.set(k, [...(oldEdges.get(k) ?? []), r.id]);
      }
    }
    const addEdges: StoredEdge[] = [];
    for (const e of w.edges) {
      const ids = oldEdges.get(edgeKey(e));
      if (ids && ids.length > 0) ids.pop();
      else addEdges.push(e);
    }
    const dropEdges = [...oldEdges.values()].flat();
    for (const part of chunks(dropEdges, 5000)) await this.db.delete(linkEdge).where(inArray(linkEdge.id, part));
    await this.insertEdges(addEdges);

    // Profiles (with their flows) and networks.
    const oldProfileIds = [...new Set([...oldLinks.values()].map((l) => l.profileId))];
    const oldNetworkIds = [...new Set([...oldLinks.values()].map((l) => l.networkId))];
    const oldProfiles = new Map<string, string>();
    for (const part of chunks([...new Set([...oldProfileIds, ...w.profiles.map((p) => p.id)])], 2000)) {
      for (const p of await this.db.select(profileColumns).from(linkProfile).where(inArray(linkProfile.id, part)))
        oldProfiles.set(p.id, canonical(p));
    }
    const newProfileIds = new Set(w.profiles.map((p) => p.id));
    const changedProfiles = w.profiles.filter((p) => oldProfiles.get(p.id) !== canonical(p));
    const goneProfiles = [...oldProfiles.keys()].filter((id) => !newProfileIds.has(id) && oldProfileIds.includes(id));
    const rewriteFlows = [...goneProfiles, ...changedProfiles.map((p) => p.id)];
    for (const part of chunks(rewriteFlows, 5000)) await this.db.delete(linkFlow).where(inArray(linkFlow.profileId, part));
    for (const part of chunks(goneProfiles, 5000)) await this.db.delete(linkProfile).where(inArray(linkProfile.id, part));
    await this.insertProfiles(changedProfiles, w.at, true);
    const changedIds = new Set(changedProfiles.map((p) => p.id));
    const flows = w.flows.filter((f) => changedIds.has(f.profileId));
    await this.insertFlows(flows);

    const oldNetworks = new Map<string, string>();
    for (const part of chunks([...new Set([...oldNetworkIds, ...w.networks.map((n) => n.id)])], 2000)) {
      for (const n of await this.db.select(networkColumns).from(linkNetwork).where(inArray(linkNetwork.id, part)))
        oldNetworks.set(n.id, canonical(n));
    }
    const newNetworkIds = new Set(w.networks.map((n) => n.id));
    const goneNetworks = [...oldNetworks.keys()].filter((id) => !newNetworkIds.has(id) && oldNetworkIds.includes(id));
    for (const part of chunks(goneNetworks, 5000)) await this.db.delete(linkNetwork).where(inArray(linkNetwork.id, part));
    const changedNetworks = w.networks.filter((n) => oldNetworks.get(n.id) !== canonical(n));
    await this.insertNetworks(changedNetworks, w.at, true);

    for (const part of chunks(w.seedIds, 5000)) await this.db.delete(linkQueue).where(inArray(linkQueue.adId, part));
  }

  async insertFresh(rows: FreshRows, meta: { paramsVersion: string; at: Date }): Promise<void> {
    if (rows.signals) await this.insertSignals(rows.signals, false);
    if (rows.links) await this.insertLinks(rows.links, meta, false);
    if (rows.edges) await this.insertEdges(rows.edges);
    if (rows.profiles) await this.insertProfiles(rows.profiles, meta.at, false);
    if (rows.flows) await this.insertFlows(rows.flows);
    if (rows.networks) await this.insertNetworks(rows.networks, meta.at, false);
  }

  // Bulk rows go as one JSON parameter: far faster than one bound parameter per value. Array
  // columns go in it as array literals cast with ::text[] or ::bigint[], not as JSON arrays that
  // a subquery per row turns into arrays.

  private async insertSignals(signals: LinkWrite['signals'], isUpsert: boolean) {
    const rows = signals.filter((v) => v.kind !== 'text').map((v) => [v.kind, v.value, v.adId]);
    for (const part of chunks(rows, 20000)) {
      await this.db.execute(sql`
        insert into link_signal (kind, value, ad_id)
        select x->>0, x->>1, (x->>2)::uuid from jsonb_array_elements(${json(part)}) x
        ${isUpsert ? sql`on conflict do nothing` : sql``}`);
    }
  }

  private async insertLinks(links: LinkWrite['links'], w: { paramsVersion: string; at: Date }, isUpsert: boolean) {
    for (const part of chunks(links, 10000)) {
      await this.db.execute(sql`
        insert into link_ad (ad_id, ad_key, profile_id, network_id, names, content_hash, image_count, text_sig, text_bands, params_version, linked_at)
        select (x->>0)::uuid, x->>1, x->>2, x->>3, (x->>4)::text[], x->>5, (x->>6)::int, x->>7, (x->>8)::bigint[], ${w.paramsVersion}, ${w.at}
        from jsonb_array_elements(${json(
          part.map((l) => [
            l.adId,
            l.key,
            l.profileId,
            l.networkId,
            textArrayLiteral(l.names),
            l.contentHash,
            l.imageCount,
            l.textSig,
            integerArrayLiteral(l.textBands),
          ]),
        )}) x
        ${
          isUpsert
            ? sql`on conflict (ad_id) do update set ad_key = excluded.ad_key, profile_id = excluded.profile_id, network_id = excluded.network_id,
          names = excluded.names, content_hash = excluded.content_hash, image_count = excluded.image_count, text_sig = excluded.text_sig,
          text_bands = excluded.text_bands, params_version = excluded.params_version, linked_at = excluded.linked_at`
            : sql``
        }`);
    }
  }

  private async insertEdges(edges: readonly StoredEdge[]) {
    for (const part of chunks(edges, 10000)) {
      await this.db.execute(sql`
        insert into link_edge (network_id, level, a_ad, b_ad, kind, value, strength, similarity, is_refused)
        select x->>0, x->>1, (x->>2)::uuid, (x->>3)::uuid, x->>4, x->>5, (x->>6)::real, (x->>7)::real, (x->>8)::boolean
        from jsonb_array_elements(${json(part.map((e) => [e.networkId, e.level, e.a, e.b, e.kind, e.value, e.strength, e.similarity, e.isRefused]))}) x`);
    }
  }

  private async insertProfiles(profiles: readonly ProfileRow[], at: Date, isUpsert: boolean) {
    for (const part of chunks(profiles, 5000)) {
      const rows = part.map((p) => [
        p.id,
        p.networkId,
        p.adCount,
        textArrayLiteral(p.names),
        textArrayLiteral(p.phones),
        textArrayLiteral(p.municipalityCodes),
        p.firstSeen,
        p.lastSeen,
        p.isTouring,
        p.score,
        p.weightsVersion,
        p.contributions,
        p.timeline,
      ]);
      await this.db.execute(sql`
        insert into link_profile (id, network_id, ad_count, names, phones, municipality_codes, first_seen, last_seen, is_touring, score,
          weights_version, contributions, timeline, updated_at)
        select x->>0, x->>1, (x->>2)::int, (x->>3)::text[], (x->>4)::text[], (x->>5)::text[], (x->>6)::date, (x->>7)::date, (x->>8)::boolean, (x->>9)::real, x->>10,
          x->11, x->12, ${at}
        from jsonb_array_elements(${json(rows)}) x
        ${
          isUpsert
            ? sql`on conflict (id) do update set network_id = excluded.network_id, ad_count = excluded.ad_count, names = excluded.names,
          phones = excluded.phones, municipality_codes = excluded.municipality_codes, first_seen = excluded.first_seen,
          last_seen = excluded.last_seen, is_touring = excluded.is_touring, score = excluded.score,
          weights_version = excluded.weights_version, contributions = excluded.contributions, timeline = excluded.timeline,
          updated_at = excluded.updated_at`
            : sql``
        }`);
    }
  }

  private async insertFlows(flows: LinkWrite['flows']) {
    for (const part of chunks(flows, 20000)) {
      await this.db.execute(sql`
        insert into link_flow (profile_id, from_code, to_code, day)
        select x->>0, x->>1, x->>2, (x->>3)::date from jsonb_array_elements(${json(part.map((f) => [f.profileId, f.fromCode, f.toCode, f.day]))}) x`);
    }
  }

  private async insertNetworks(networks: readonly NetworkRow[], at: Date, isUpsert: boolean) {
    for (const part of chunks(networks, 5000)) {
      const rows = part.map((n) => [
        n.id,
        n.profileCount,
        n.adCount,
        textArrayLiteral(n.municipalityCodes),
        n.firstSeen,
        n.lastSeen,
        n.score,
        n.weightsVersion,
        n.contributions,
      ]);
      await this.db.execute(sql`
        insert into link_network (id, profile_count, ad_count, municipality_codes, first_seen, last_seen, score, weights_version,
          contributions, updated_at)
        select x->>0, (x->>1)::int, (x->>2)::int, (x->>3)::text[], (x->>4)::date, (x->>5)::date,
          (x->>6)::real, x->>7, x->8, ${at}
        from jsonb_array_elements(${json(rows)}) x
        ${
          isUpsert
            ? sql`on conflict (id) do update set profile_count = excluded.profile_count, ad_count = excluded.ad_count,
          municipality_codes = excluded.municipality_codes, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
          score = excluded.score, weights_version = excluded.weights_version, contributions = excluded.contributions,
          updated_at = excluded.updated_at`
            : sql``
        }`);
    }
  }

  async forgetAds(adIds: string[]): Promise<void> {
    for (const part of chunks(adIds, 5000)) {
      const rows = await this.db.select({ p: linkAd.profileId, n: linkAd.networkId }).from(linkAd).where(inArray(linkAd.adId, part));
      const profiles = [...new Set(rows.map((r) => r.p))];
      const networks = [...new Set(rows.map((r) => r.n))];
      await this.db.delete(linkEdge).where(inArray(linkEdge.aAd, part));
      await this.db.delete(linkEdge).where(inArray(linkEdge.bAd, part));
      await this.db.delete(linkSignal).where(inArray(linkSignal.adId, part));
      await this.db.delete(linkAd).where(inArray(linkAd.adId, part));
      if (profiles.length > 0) {
        await this.db.delete(linkProfile).where(inArray(linkProfile.id, profiles));
        await this.db.delete(linkFlow).where(inArray(linkFlow.profileId, profiles));
      }
      if (networks.length > 0) await this.db.delete(linkNetwork).where(inArray(linkNetwork.id, networks));
    }
  }

  async clear(): Promise<void> {
    // TRUNCATE is transactional in PostgreSQL and far faster than deleting a million rows.
    await this.db.execute(sql`truncate link_edge, link_signal, link_ad, link_profile, link_network, link_flow, link_queue`);
  }

  /** Index definitions beginFresh() dropped, for finishFresh() to build again. */
  private droppedIndexes: { name: string; definition: string }[] = [];

  async beginFresh(): Promise<void> {
    await this.clear();
    // Every secondary index of the rebuilt tables is built once at the end (finishFresh), from
    // sorted data, instead of being updated row by row; primary keys stay. Dropping is part of
    // the transaction: a rebuild that fails leaves every index as it was.
    const r = await this.db.execute(sql`
      select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = current_schema() and i.tablename in (${sql.join(
        REBUILT_TABLES.map((t) => sql`${t}`),
        sql`, `,
      )})
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype in ('p', 'u'))
      order by i.indexname`);
    this.droppedIndexes = rowsOf<{ name: string; definition: string }>(r);
    for (const ix of this.droppedIndexes) await this.db.execute(sql`drop index ${sql.identifier(ix.name)}`);
  }

  async finishFresh(): Promise<void> {
    // More sort memory for the builds, for this transaction only (the default is 64 MB).
    await this.db.execute(sql`set local maintenance_work_mem = '256MB'`);
    for (const ix of this.droppedIndexes) await this.db.execute(sql.raw(ix.definition));
    this.droppedIndexes = [];
    // Fresh statistics, so the first incremental runs plan with the new row counts.
    await this.db.execute(sql`analyze link_ad, link_signal, link_edge, link_profile, link_network, link_flow`);
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
        sg.first_seen_at as "firstSeenAt", sg.last_seen_at as "lastSeenAt", a.is_demo as "isDemo",
        coalesce((select array_agg(ai.sha256 order by ai.first_seen_at, ai.sha256) from ad_image ai where ai.ad_id = a.id), '{}') as images
      from ad a join ad_sighting sg on sg.ad_id = a.id where a.id in (select unnest(${uuidArray(adIds)}))
      order by sg.first_seen_at, key`);
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

  async listProfiles(q: {
    municipalityCode?: string;
    minScore?: number;
    kommuner?: readonly string[] | null;
    limit: number;
  }): Promise<ProfileRow[]> {
    const conds = [];
    if (q.kommuner)
      conds.push(q.kommuner.length > 0 ? sql`${linkProfile.municipalityCodes} && ${textArrayLiteral(q.kommuner)}::text[]` : sql`false`);
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

/** snake_case → camelCase (drizzle column keys). */
function camel(c: string): string {
  return c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase());
}

/** A stable text form of a row for comparison: keys sorted at every level, reals as float4. */
function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (typeof x === 'number') return Math.fround(x);
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object' && !(x instanceof Date)) {
      return Object.fromEntries(
        Object.keys(x as Record<string, unknown>)
          .filter((k) => k !== 'updatedAt')
          .sort()
          .map((k) => [k, norm((x as Record<string, unknown>)[k])]),
      );
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

/** Parses a PostgreSQL text array literal ("{a,b}") as some drivers return it for raw queries. */
function parsePgArray(s: string | null): string[] {
  if (s === null || s === '{}' || s === '') return [];
  return s
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((x) => x.replace(/^"|"$/g, ''));
}
