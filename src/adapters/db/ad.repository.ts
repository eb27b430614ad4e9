/**
 * Ads, their sightings, versions and observations. A batch is a few statements, each with its
 * rows as one JSON parameter; the unique keys (source, external id), (ad, content hash) and
 * (ad, observed at) make every write idempotent, so re-importing a file or resuming a crawl
 * adds nothing twice. A re-sighting writes only the ad's sighting row (ADR 0007).
 */
import { and, count, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type {
  AdExtracted,
  AdImageMatch,
  AdListItem,
  AdObservationInput,
  AdObservationOptions,
  AdRepository,
  AdSearchQuery,
  CrawlCounts,
  CrawlRunRepository,
  CrawlRunRow,
  CrawlStatus,
  ObservationCounts,
  SettingsRepository,
  SourceKind,
  SourceRow,
} from '../../app/intelligence/ports';
import type { Db } from './client';
import { PHASH_PROBE_MAX_DISTANCE, phashProbeKeys } from '../../core/images/phash';
import { intArray, jsonParam, rowsOf } from './sql';
import {
  ad,
  adImage,
  adObservation,
  adSighting,
  adVersion,
  capture,
  crawlRun,
  image,
  retentionHold,
  source,
  systemSetting,
} from './schema';

/** Limits ads to an area's kommuner: null/undefined = no limit, [] = nothing. */
const inKommuner = (kommuner: readonly string[] | null | undefined): SQL | undefined =>
  kommuner ? (kommuner.length > 0 ? inArray(ad.municipalityCode, [...kommuner]) : sql`false`) : undefined;

/** Must equal the expression of the index ad_search_idx (migration 0004). */
export const AD_SEARCH_VECTOR = sql`to_tsvector('swedish', coalesce(${ad.title}, '') || ' ' || coalesce(${ad.body}, ''))`;

/** The stored state of an ad, and how a batch's observations compare with it. */
interface CurrentAd {
  contentHash: string;
  url: string | null;
  hasPostedAt: boolean;
  extractionVersion: string | null;
  isPurged: boolean;
  /** The batch's newest observation is newer than the stored one (the same time counts, unless the ad was purged). */
  isNewer: boolean;
  /** The batch's oldest observation is older than the first sighting. */
  isEarlier: boolean;
  /** The batch's newest observation is later than the last sighting. */
  isLater: boolean;
  /** The ad has missed crawls or was marked removed. */
  isMissed: boolean;
}

/** One ad of a batch. */
interface PerAd {
  latest: AdObservationInput;
  first: Date;
  all: AdObservationInput[];
  /** The ad's id, once read or inserted. */
  id: string;
  /** Null for an ad not in the database. */
  current: CurrentAd | null;
  /** The extraction of `latest`, once known. */
  extracted: AdExtracted | null;
}

type VersionRow = {
  ad_id: string;
  content_hash: string;
  first_observed_at: Date;
  title: string | null;
  body: string | null;
  location: string | null;
  phone_field: string | null;
  stated_age: number | null;
};
type ObservationRow = { ad_id: string; observed_at: Date; content_hash: string };

/** Whether the batch's newest observation replaces the stored content (new text, un-purge, newer extraction). */
const isContentChange = (a: PerAd): boolean =>
  a.current!.contentHash !== a.latest.contentHash || a.current!.isPurged || a.current!.extractionVersion !== a.latest.extractionVersion;

/** Extracts the newest observations of these ads that arrived without an extraction. */
async function extractMissing(ads: PerAd[], opts: AdObservationOptions | undefined): Promise<void> {
  const missing = ads.filter((a) => !a.extracted);
  if (!missing.length) return;
  if (!opts) throw new Error('observations without extraction need AdObservationOptions.extract');
  const extracted = await opts.extract(missing.map((a) => a.latest));
  if (extracted.length !== missing.length) throw new Error('extraction returned a different number of results');
  missing.forEach((a, i) => (a.extracted = extracted[i]!));
}

/** Rows of a raw query on either engine. */
export class DrizzleAdRepository implements AdRepository {
  constructor(private readonly db: Db) {}

  async listSources(): Promise<SourceRow[]> {
    const rows = await this.db.select().from(source).orderBy(source.id);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as SourceKind,
      defaultRegion: r.defaultRegion,
      baseUrl: r.baseUrl,
      isDemo: r.isDemo,
    }));
  }

  async upsertSources(rows: SourceRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insert(source)
      .values(rows)
      .onConflictDoUpdate({
        target: source.id,
        set: {
          name: sql`excluded.name`,
          kind: sql`excluded.kind`,
          defaultRegion: sql`excluded.default_region`,
          baseUrl: sql`excluded.base_url`,
        },
      });
  }

  async applyObservations(batch: AdObservationInput[], opts?: AdObservationOptions): Promise<ObservationCounts> {
    if (batch.length === 0) return { newAds: 0, newObservations: 0, changedAds: 0 };
    // One entry per ad: the newest observation gives the content (the later line wins a tie), the oldest the first sighting.
    const perAd = new Map<string, PerAd>();
    for (const o of batch) {
      const key = `${o.sourceId}\u0000${o.externalId}`;
      const cur = perAd.get(key);
      if (!cur) perAd.set(key, { latest: o, first: o.observedAt, all: [o], id: '', current: null, extracted: null });
      else {
        if (o.observedAt >= cur.latest.observedAt) cur.latest = o;
        if (o.observedAt < cur.first) cur.first = o.observedAt;
        cur.all.push(o);
      }
    }
    const ads = [...perAd.values()];
    for (const a of ads) a.extracted = a.latest.extracted;

    // 1. Existing ads: lock their sighting rows (every writer of an ad's content or dates
    //    takes that lock first), then read their state in a new snapshot.
    await this.readCurrent(await this.lockExisting(ads));
    // 2. New ads: inserted with their first sighting. A concurrent batch may have inserted
    //    one meanwhile; those are read as existing.
    const created = new Set<PerAd>();
    const fresh = ads.filter((a) => !a.current);
    if (fresh.length) {
      await extractMissing(fresh, opts);
      const inserted = await this.insertAds(fresh);
      for (const a of inserted) created.add(a);
      const raced = fresh.filter((a) => !created.has(a));
      if (raced.length) {
        await this.readCurrent(await this.lockExisting(raced));
        const lost = raced.find((a) => !a.current);
        if (lost) throw new Error(`ad ${lost.latest.sourceId}:${lost.latest.externalId} could be neither inserted nor read`);
      }
    }
    // 3. Existing ads: the content when a newer observation changed it, then the sighting.
    const existing = ads.filter((a) => a.current);
    const full = existing.filter((a) => a.current!.isNewer && isContentChange(a));
    await extractMissing(full, opts);
    await this.updateContent(existing, new Set(full));
    await this.updateSightings(existing);
    // 4. Versions and observations. An ad that stays purged gets no history back from old observations.
    const versions = new Map<string, VersionRow>();
    const observations = new Map<string, ObservationRow>();
    for (const a of ads) {
      const c = a.current;
      const isPurgedStill = c !== null && c.isPurged && !c.isNewer;
      for (const o of a.all) {
        observations.set(`${a.id}|${o.observedAt.toISOString()}`, { ad_id: a.id, observed_at: o.observedAt, content_hash: o.contentHash });
        // A live ad already has the version of its current content.
        if (isPurgedStill || (c !== null && !c.isPurged && o.contentHash === c.contentHash)) continue;
        const key = `${a.id}|${o.contentHash}`;
        const v = versions.get(key);
        if (!v || o.observedAt < v.first_observed_at) {
          versions.set(key, {
            ad_id: a.id,
            content_hash: o.contentHash,
            first_observed_at: o.observedAt,
            title: o.title,
            body: o.body,
            location: o.location,
            phone_field: o.phoneField,
            stated_age: o.statedAge,
          });
        }
      }
    }
    const changed = new Set<string>();
    if (versions.size) {
      const inserted = rowsOf<{ ad_id: string }>(
        await this.db.execute(sql`
          insert into ad_version (ad_id, content_hash, first_observed_at, title, body, location, phone_field, stated_age)
          select ad_id, content_hash, first_observed_at, title, body, location, phone_field, stated_age
          from json_to_recordset(${jsonParam([...versions.values()])}::text::json) as k(
            ad_id uuid, content_hash text, first_observed_at timestamptz, title text, body text, location text, phone_field text, stated_age integer)
          on conflict do nothing
          returning ad_id`),
      );
      const newIds = new Set([...created].map((a) => a.id));
      for (const v of inserted) if (!newIds.has(v.ad_id)) changed.add(v.ad_id);
    }
    const [obs] = rowsOf<{ n: number }>(
      await this.db.execute(sql`
        with ins as (
          insert into ad_observation (ad_id, observed_at, content_hash)
          select ad_id, observed_at, content_hash
          from json_to_recordset(${jsonParam([...observations.values()])}::text::json) as k(ad_id uuid, observed_at timestamptz, content_hash text)
          on conflict do nothing
          returning 1)
        select count(*)::int as n from ins`),
    );
    return { newAds: created.size, newObservations: obs?.n ?? 0, changedAds: changed.size };
  }

  /** Locks the sighting rows of those ads that exist (in ad id order) and sets their ids. */
  private async lockExisting(ads: PerAd[]): Promise<PerAd[]> {
    const keys = ads.map((a, i) => ({ i, s: a.latest.sourceId, e: a.latest.externalId }));
    const rows = rowsOf<{ i: number; id: string }>(
      await this.db.execute(sql`
        select k.i, a.id from json_to_recordset(${jsonParam(keys)}::text::json) as k(i integer, s text, e text)
        join ad a on a.source_id = k.s and a.external_id = k.e
        join ad_sighting s on s.ad_id = a.id
        order by a.id
        for no key update of s`),
    );
    return rows.map((r) => {
      const a = ads[r.i]!;
      a.id = r.id;
      return a;
    });
  }

  /** Reads the stored state of locked ads and how this batch's observations compare with it. */
  private async readCurrent(ads: PerAd[]): Promise<void> {
    if (!ads.length) return;
    const keys = ads.map((a, i) => ({ i, id: a.id, first: a.first, last: a.latest.observedAt }));
    const rows = rowsOf<{
      i: number;
      content_hash: string;
      url: string | null;
      has_posted_at: boolean;
      extraction_version: string | null;
      is_purged: boolean;
      is_newer: boolean;
      is_earlier: boolean;
      is_later: boolean;
      is_missed: boolean;
    }>(
      await this.db.execute(sql`
        select k.i, a.content_hash, a.url, a.posted_at is not null as has_posted_at, a.extraction_version,
               a.purged_at is not null as is_purged,
               (k.last > s.last_seen_at or (k.last = s.last_seen_at and a.purged_at is null)) as is_newer,
               k.first < s.first_seen_at as is_earlier,
               k.last > s.last_seen_at as is_later,
               (s.missed_crawls > 0 or s.removed_at is not null) as is_missed
        from json_to_recordset(${jsonParam(keys)}::text::json) as k(i integer, id uuid, first timestamptz, last timestamptz)
        join ad a on a.id = k.id
        join ad_sighting s on s.ad_id = a.id`),
    );
    for (const r of rows) {
      ads[r.i]!.current = {
        contentHash: r.content_hash,
        url: r.url,
        hasPostedAt: r.has_posted_at,
        extractionVersion: r.extraction_version,
        isPurged: r.is_purged,
        isNewer: r.is_newer,
        isEarlier: r.is_earlier,
        isLater: r.is_later,
        isMissed: r.is_missed,
      };
    }
  }

  /** Inserts new ads with their sighting rows; returns those inserted (with their ids set). */
  private async insertAds(ads: PerAd[]): Promise<PerAd[]> {
    const rows = ads.map((a, i) => ({
      i,
      source_id: a.latest.sourceId,
      external_id: a.latest.externalId,
      url: a.latest.url,
      posted_at: a.latest.postedAt,
      title: a.latest.title,
      body: a.latest.body,
      location: a.latest.location,
      phone_field: a.latest.phoneField,
      stated_age: a.latest.statedAge,
      content_hash: a.latest.contentHash,
      phones: a.extracted!.phones,
      municipality_code: a.extracted!.municipalityCode,
      extraction: a.extracted!.extraction,
      extraction_version: a.latest.extractionVersion,
      is_demo: a.latest.isDemo,
      first_seen_at: a.first,
      last_seen_at: a.latest.observedAt,
    }));
    const inserted = rowsOf<{ i: number; id: string }>(
      await this.db.execute(sql`
        with k as (
          select * from json_to_recordset(${jsonParam(rows)}::text::json) as k(
            i integer, source_id text, external_id text, url text, posted_at timestamptz, title text, body text, location text,
            phone_field text, stated_age integer, content_hash text, phones text[], municipality_code text, extraction jsonb,
            extraction_version text, is_demo boolean, first_seen_at timestamptz, last_seen_at timestamptz)),
        ins as (
          insert into ad (source_id, external_id, url, posted_at, title, body, location, phone_field, stated_age, content_hash,
                          phones, municipality_code, extraction, extraction_version, is_demo)
          select source_id, external_id, url, posted_at, title, body, location, phone_field, stated_age, content_hash,
                 phones, municipality_code, extraction, extraction_version, is_demo
          from k
          on conflict (source_id, external_id) do nothing
          returning id, source_id, external_id),
        sighting as (
          insert into ad_sighting (ad_id, first_seen_at, last_seen_at)
          select ins.id, k.first_seen_at, k.last_seen_at from ins join k on k.source_id = ins.source_id and k.external_id = ins.external_id)
        select k.i, ins.id from ins join k on k.source_id = ins.source_id and k.external_id = ins.external_id`),
    );
    return inserted.map((r) => {
      const a = ads[r.i]!;
      a.id = r.id;
      return a;
    });
  }

  /**
   * Writes what changed of existing ads: all content when a newer observation brought new
   * content (or un-purges the ad), else only a newer URL or a first posting date.
   */
  private async updateContent(existing: PerAd[], full: Set<PerAd>): Promise<void> {
    const rows = existing.flatMap((a) => {
      const c = a.current!;
      const o = a.latest;
      const isFull = full.has(a);
      const isUrl = c.isNewer && o.url !== c.url;
      const isPosted = !c.hasPostedAt && o.postedAt !== null;
      if (!isFull && !isUrl && !isPosted) return [];
      return [
        {
          id: a.id,
          is_full: isFull,
          is_newer: c.isNewer,
          url: o.url,
          posted_at: o.postedAt,
          ...(isFull
            ? {
                title: o.title,
                body: o.body,
                location: o.location,
                phone_field: o.phoneField,
                stated_age: o.statedAge,
                content_hash: o.contentHash,
                phones: a.extracted!.phones,
                municipality_code: a.extracted!.municipalityCode,
                extraction: a.extracted!.extraction,
                extraction_version: o.extractionVersion,
              }
            : {}),
        },
      ];
    });
    if (!rows.length) return;
    const pick = (col: string) => sql.raw(`${col} = case when k.is_full then k.${col} else a.${col} end`);
    await this.db.execute(sql`
      update ad a set
        url = case when k.is_newer then k.url else a.url end,
        posted_at = coalesce(a.posted_at, k.posted_at),
        ${sql.join(
          [
            'title',
            'body',
            'location',
            'phone_field',
            'stated_age',
            'content_hash',
            'phones',
            'municipality_code',
            'extraction',
            'extraction_version',
          ].map(pick),
          sql`, `,
        )},
        purged_at = case when k.is_full then null else a.purged_at end
      from json_to_recordset(${jsonParam(rows)}::text::json) as k(
        id uuid, is_full boolean, is_newer boolean, url text, posted_at timestamptz, title text, body text, location text,
        phone_field text, stated_age integer, content_hash text, phones text[], municipality_code text, extraction jsonb,
        extraction_version text)
      where a.id = k.id`);
  }

  /** Moves the first and last sighting; a newer sighting means the ad is live again. */
  private async updateSightings(existing: PerAd[]): Promise<void> {
    const rows = existing
      .filter((a) => a.current!.isEarlier || a.current!.isLater || (a.current!.isNewer && a.current!.isMissed))
      .map((a) => ({ id: a.id, first: a.first, last: a.latest.observedAt, is_newer: a.current!.isNewer }));
    if (!rows.length) return;
    await this.db.execute(sql`
      update ad_sighting s set
        first_seen_at = least(s.first_seen_at, k.first),
        last_seen_at = greatest(s.last_seen_at, k.last),
        missed_crawls = case when k.is_newer then 0 else s.missed_crawls end,
        removed_at = case when k.is_newer then null else s.removed_at end
      from json_to_recordset(${jsonParam(rows)}::text::json) as k(id uuid, first timestamptz, last timestamptz, is_newer boolean)
      where s.ad_id = k.id`);
  }

  async search(q: AdSearchQuery): Promise<AdListItem[]> {
    const where: (SQL | undefined)[] = [
      sql`${ad.purgedAt} is null`,
      q.text ? sql`${AD_SEARCH_VECTOR} @@ plainto_tsquery('swedish', ${q.text})` : undefined,
      q.phone ? sql`${ad.phones} @> array[${q.phone}]::text[]` : undefined,
      q.municipalityCode ? eq(ad.municipalityCode, q.municipalityCode) : undefined,
      q.countyCode ? sql`left(${ad.municipalityCode}, 2) = ${q.countyCode}` : undefined,
      q.seenFrom ? gte(adSighting.lastSeenAt, q.seenFrom) : undefined,
      q.seenTo ? lte(adSighting.firstSeenAt, q.seenTo) : undefined,
      q.indicatorCode ? sql`${ad.extraction} -> 'indicators' @> ${JSON.stringify([{ code: q.indicatorCode }])}::jsonb` : undefined,
      inKommuner(q.kommuner),
    ];
    return this.db
      .select({
        id: ad.id,
        sourceId: ad.sourceId,
        externalId: ad.externalId,
        title: ad.title,
        location: ad.location,
        municipalityCode: ad.municipalityCode,
        phones: ad.phones,
        firstSeenAt: adSighting.firstSeenAt,
        lastSeenAt: adSighting.lastSeenAt,
        isDemo: ad.isDemo,
      })
      .from(ad)
      .innerJoin(adSighting, eq(adSighting.adId, ad.id))
      .where(and(...where))
      .orderBy(desc(adSighting.lastSeenAt), ad.id)
      .limit(q.limit);
  }

  async searchByImage(phash: string, maxDistance: number, limit: number, kommuner?: readonly string[] | null): Promise<AdImageMatch[]> {
    if (!/^[0-9a-f]{16}$/.test(phash)) throw new Error('searchByImage: phash must be 16 lowercase hex digits');
    // Works on PostgreSQL 14+ and PGlite: the hashes as 64-bit strings, XOR, count the ones.
    const distance = sql<number>`bit_count(('x' || ${image.phash})::bit(64) # ('x' || ${phash})::bit(64))::int`;
    const near = this.db
      .select({ adId: adImage.adId, sha256: adImage.sha256, distance: distance.as('distance') })
      .from(adImage)
      .innerJoin(image, eq(image.sha256, adImage.sha256))
      .where(
        and(
          // The block keys' index finds the candidates (exact up to PHASH_PROBE_MAX_DISTANCE); the distance decides.
          maxDistance <= PHASH_PROBE_MAX_DISTANCE ? sql`${image.phashKeys} && ${intArray(phashProbeKeys(phash, maxDistance))}` : undefined,
          sql`${image.phash} is not null`,
          sql`${distance} <= ${maxDistance}`,
        ),
      )
      .as('near');
    // One row per ad (its closest picture), then the closest ads first, the most recently seen first.
    const best = this.db
      .selectDistinctOn([ad.id], {
        id: ad.id,
        sourceId: ad.sourceId,
        externalId: ad.externalId,
        title: ad.title,
        location: ad.location,
        municipalityCode: ad.municipalityCode,
        phones: ad.phones,
        firstSeenAt: adSighting.firstSeenAt,
        lastSeenAt: adSighting.lastSeenAt,
        isDemo: ad.isDemo,
        distance: sql<number>`${near.distance}`.as('best_distance'),
        imageSha256: sql<string>`${near.sha256}`.as('best_sha256'),
      })
      .from(near)
      .innerJoin(ad, eq(ad.id, near.adId))
      .innerJoin(adSighting, eq(adSighting.adId, ad.id))
      .where(and(sql`${ad.purgedAt} is null`, inKommuner(kommuner)))
      .orderBy(ad.id, near.distance, near.sha256)
      .as('best');
    const rows = await this.db.select().from(best).orderBy(best.distance, desc(best.lastSeenAt), best.id).limit(limit);
    return rows.map((r) => ({ ...r, distance: Number(r.distance) }));
  }

  async count(filter: { isDemo?: boolean } = {}): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(ad)
      .where(filter.isDemo === undefined ? undefined : eq(ad.isDemo, filter.isDemo));
    return row?.n ?? 0;
  }

  async purgeLastSeenBefore(before: Date, now: Date): Promise<string[]> {
    const isHeld = sql`exists (select 1 from ${retentionHold} h where h.resource_kind = 'ad' and h.released_at is null and lower(h.resource_id) = ${ad.id}::text)`;
    // The sighting rows are locked (as an import does before it writes an ad), so an ad seen
    // again by a concurrent import is checked against its new last sighting.
    const lastSeenBefore = this.db
      .select({ id: adSighting.adId })
      .from(adSighting)
      .where(lt(adSighting.lastSeenAt, before))
      .for('no key update');
    const purged = await this.db
      .update(ad)
      .set({
        url: null,
        title: null,
        body: null,
        location: null,
        phoneField: null,
        statedAge: null,
        phones: [],
        extraction: null,
        purgedAt: now,
      })
      .where(and(sql`${ad.purgedAt} is null`, inArray(ad.id, lastSeenBefore), sql`not ${isHeld}`))
      .returning({ id: ad.id });
    const ids = purged.map((p) => p.id);
    for (let i = 0; i < ids.length; i += 1000) await this.db.delete(adVersion).where(inArray(adVersion.adId, ids.slice(i, i + 1000)));
    return ids;
  }

  async sightingCounts(sourceId: string, since: Date): Promise<{ live: number; seen: number }> {
    const [row] = await this.db
      .select({
        live: sql<number>`count(*)::int`,
        seen: sql<number>`(count(*) filter (where ${adSighting.lastSeenAt} >= ${since}))::int`,
      })
      .from(adSighting)
      .innerJoin(ad, eq(ad.id, adSighting.adId))
      .where(and(eq(ad.sourceId, sourceId), sql`${adSighting.removedAt} is null`));
    return { live: Number(row?.live ?? 0), seen: Number(row?.seen ?? 0) };
  }

  async markMissed(sourceId: string, seenSince: Date, threshold: number, at: Date): Promise<number> {
    const ofSource = inArray(adSighting.adId, this.db.select({ id: ad.id }).from(ad).where(eq(ad.sourceId, sourceId)));
    await this.db
      .update(adSighting)
      .set({ missedCrawls: sql`${adSighting.missedCrawls} + 1` })
      .where(and(ofSource, sql`${adSighting.removedAt} is null`, lt(adSighting.lastSeenAt, seenSince)));
    const removed = await this.db
      .update(adSighting)
      .set({ removedAt: at })
      .where(and(ofSource, sql`${adSighting.removedAt} is null`, gte(adSighting.missedCrawls, threshold)))
      .returning({ id: adSighting.adId });
    return removed.length;
  }

  async linkReposts(sourceId: string, since: Date): Promise<number> {
    const linked = await this.db.execute(sql`
      update ad n set repost_of = (
        select o.id from ad o join ad_sighting os on os.ad_id = o.id
        where o.source_id = n.source_id and o.id <> n.id and o.content_hash = n.content_hash and os.first_seen_at < ns.first_seen_at
        order by os.last_seen_at desc limit 1)
      from ad_sighting ns
      where ns.ad_id = n.id and n.source_id = ${sourceId} and ns.first_seen_at >= ${since} and n.repost_of is null
        and exists (
          select 1 from ad o join ad_sighting os on os.ad_id = o.id
          where o.source_id = n.source_id and o.id <> n.id and o.content_hash = n.content_hash and os.first_seen_at < ns.first_seen_at)
      returning n.id`);
    return rowsOf(linked).length;
  }

  async hold(adId: string, reason: string, heldBy: string | null, at: Date): Promise<void> {
    await this.db.insert(retentionHold).values({ resourceKind: 'ad', resourceId: adId.toLowerCase(), reason, heldBy, createdAt: at });
  }

  async demoAdIds(): Promise<string[]> {
    return (await this.db.select({ id: ad.id }).from(ad).where(eq(ad.isDemo, true))).map((r) => r.id);
  }

  async deleteDemo(): Promise<{ ads: number; warcFiles: string[] }> {
    const deleted = await this.db.delete(ad).where(eq(ad.isDemo, true)).returning({ id: ad.id });
    const unused = sql`${source.isDemo} and not exists (select 1 from ad where ad.source_id = ${source.id})`;
    const gone = this.db.select({ id: source.id }).from(source).where(unused);
    // Runs and unlinked captures of demo sources go with them.
    await this.db.delete(crawlRun).where(inArray(crawlRun.sourceId, gone));
    const captures = await this.db.delete(capture).where(inArray(capture.sourceId, gone)).returning({ warcFile: capture.warcFile });
    await this.db.delete(source).where(unused);
    return { ads: deleted.length, warcFiles: [...new Set(captures.map((c) => c.warcFile))] };
  }
}

export class DrizzleSettingsRepository implements SettingsRepository {
  constructor(private readonly db: Db) {}
  async get<T>(key: string): Promise<T | null> {
    const [row] = await this.db.select({ value: systemSetting.value }).from(systemSetting).where(eq(systemSetting.key, key));
    return (row?.value as T | undefined) ?? null;
  }
  async set(key: string, value: unknown, at: Date): Promise<void> {
    await this.db
      .insert(systemSetting)
      .values({ key, value, updatedAt: at })
      .onConflictDoUpdate({ target: systemSetting.key, set: { value, updatedAt: at } });
  }
}

type CrawlRunRecord = typeof crawlRun.$inferSelect;
const toRun = ({ runnerHost: _h, runnerPid: _p, heartbeatAt: _b, ...r }: CrawlRunRecord): CrawlRunRow => ({
  ...r,
  status: r.status as CrawlStatus,
});

export class DrizzleCrawlRunRepository implements CrawlRunRepository {
  constructor(private readonly db: Db) {}
  async interruptStale(sourceId: string, staleBefore: Date, now: Date, isDead: (host: string | null, pid: number | null) => boolean) {
    const running = await this.db
      .select({ id: crawlRun.id, heartbeatAt: crawlRun.heartbeatAt, host: crawlRun.runnerHost, pid: crawlRun.runnerPid })
      .from(crawlRun)
      .where(and(eq(crawlRun.sourceId, sourceId), eq(crawlRun.status, 'running')));
    const stale = running.filter((r) => r.heartbeatAt < staleBefore || isDead(r.host, r.pid)).map((r) => r.id);
    if (!stale.length) return 0;
    await this.db.update(crawlRun).set({ status: 'interrupted', finishedAt: now }).where(inArray(crawlRun.id, stale));
    return stale.length;
  }
  async start(sourceId: string, trigger: string, now: Date, runner: { host: string; pid: number }) {
    const [row] = await this.db
      .insert(crawlRun)
      .values({ sourceId, trigger, status: 'running', startedAt: now, heartbeatAt: now, runnerHost: runner.host, runnerPid: runner.pid })
      .onConflictDoNothing()
      .returning();
    return row ? toRun(row) : null;
  }
  async progress(id: string, c: CrawlCounts, now: Date) {
    await this.db
      .update(crawlRun)
      .set({ ...c, heartbeatAt: now })
      .where(eq(crawlRun.id, id));
  }
  async finish(id: string, status: CrawlStatus, c: CrawlCounts, errorSample: string[], now: Date) {
    await this.db
      .update(crawlRun)
      .set({ ...c, status, errorSample, heartbeatAt: now, finishedAt: now })
      .where(eq(crawlRun.id, id));
  }
  async recent(sourceId: string | null, limit: number) {
    const rows = await this.db
      .select()
      .from(crawlRun)
      .where(sourceId ? eq(crawlRun.sourceId, sourceId) : undefined)
      .orderBy(desc(crawlRun.startedAt))
      .limit(limit);
    return rows.map(toRun);
  }
}
