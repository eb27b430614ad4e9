/**
 * Ads, their versions and observations. Batches are written with multi-row statements; the
 * unique keys (source, external id), (ad, content hash) and (ad, observed at) make every
 * write idempotent, so re-importing a file or resuming a crawl adds nothing twice.
 */
import { and, count, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type {
  AdImageMatch,
  AdListItem,
  AdObservationInput,
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
} from '../../app/ports';
import type { Db } from './client';
import { ad, adImage, adObservation, adVersion, capture, crawlRun, image, retentionHold, source, systemSetting } from './schema';

/** Must equal the expression of the index ad_search_idx (migration 0004). */
export const AD_SEARCH_VECTOR = sql`to_tsvector('swedish', coalesce(${ad.title}, '') || ' ' || coalesce(${ad.body}, ''))`;

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

  async applyObservations(batch: AdObservationInput[]): Promise<ObservationCounts> {
    if (batch.length === 0) return { newAds: 0, newObservations: 0, changedAds: 0 };
    // One row per ad: the newest observation gives the current content, the oldest the first sighting.
    const perAd = new Map<string, { latest: AdObservationInput; first: Date }>();
    for (const o of batch) {
      const key = `${o.sourceId}\u0000${o.externalId}`;
      const cur = perAd.get(key);
      if (!cur) perAd.set(key, { latest: o, first: o.observedAt });
      else {
        if (o.observedAt >= cur.latest.observedAt) cur.latest = o;
        if (o.observedAt < cur.first) cur.first = o.observedAt;
      }
    }
    // The same time again counts as current, except for a purged ad: re-importing an old file must not restore it.
    const isNewer = sql`(excluded.last_seen_at > ${ad.lastSeenAt} or (excluded.last_seen_at = ${ad.lastSeenAt} and ${ad.purgedAt} is null))`;
    const keep = (col: SQL, excludedCol: string) => sql`case when ${isNewer} then ${sql.raw(`excluded.${excludedCol}`)} else ${col} end`;
    const upserted = await this.db
      .insert(ad)
      .values(
        [...perAd.values()].map(({ latest: o, first }) => ({
          sourceId: o.sourceId,
          externalId: o.externalId,
          url: o.url,
          firstSeenAt: first,
          lastSeenAt: o.observedAt,
          postedAt: o.postedAt,
          title: o.title,
          body: o.body,
          location: o.location,
          phoneField: o.phoneField,
          statedAge: o.statedAge,
          contentHash: o.contentHash,
          phones: o.phones,
          municipalityCode: o.municipalityCode,
          extraction: o.extraction,
          extractionVersion: o.extractionVersion,
          isDemo: o.isDemo,
        })),
      )
      .onConflictDoUpdate({
        target: [ad.sourceId, ad.externalId],
        set: {
          firstSeenAt: sql`least(${ad.firstSeenAt}, excluded.first_seen_at)`,
          lastSeenAt: sql`greatest(${ad.lastSeenAt}, excluded.last_seen_at)`,
          // Seen again: no longer removed, and new personal details may be kept again (a newer
          // sighting is fresh data with its own retention period).
          removedAt: sql`case when ${isNewer} then null else ${ad.removedAt} end`,
          purgedAt: sql`case when ${isNewer} then null else ${ad.purgedAt} end`,
          missedCrawls: sql`case when ${isNewer} then 0 else ${ad.missedCrawls} end`,
          url: keep(sql`${ad.url}`, 'url'),
          postedAt: sql`coalesce(${ad.postedAt}, excluded.posted_at)`,
          title: keep(sql`${ad.title}`, 'title'),
          body: keep(sql`${ad.body}`, 'body'),
          location: keep(sql`${ad.location}`, 'location'),
          phoneField: keep(sql`${ad.phoneField}`, 'phone_field'),
          statedAge: keep(sql`${ad.statedAge}`, 'stated_age'),
          contentHash: keep(sql`${ad.contentHash}`, 'content_hash'),
          phones: keep(sql`${ad.phones}`, 'phones'),
          municipalityCode: keep(sql`${ad.municipalityCode}`, 'municipality_code'),
          extraction: keep(sql`${ad.extraction}`, 'extraction'),
          extractionVersion: keep(sql`${ad.extractionVersion}`, 'extraction_version'),
        },
      })
      .returning({ id: ad.id, sourceId: ad.sourceId, externalId: ad.externalId, isInserted: sql<boolean>`(xmax = 0)` });
    const idOf = new Map(upserted.map((r) => [`${r.sourceId}\u0000${r.externalId}`, r.id]));
    const newAdIds = new Set(upserted.filter((r) => r.isInserted).map((r) => r.id));

    const versions = new Map<string, typeof adVersion.$inferInsert>();
    const observations = new Map<string, typeof adObservation.$inferInsert>();
    for (const o of batch) {
      const adId = idOf.get(`${o.sourceId}\u0000${o.externalId}`)!;
      const vKey = `${adId}|${o.contentHash}`;
      const v = versions.get(vKey);
      if (!v || o.observedAt < v.firstObservedAt) {
        versions.set(vKey, {
          adId,
          contentHash: o.contentHash,
          firstObservedAt: o.observedAt,
          title: o.title,
          body: o.body,
          location: o.location,
          phoneField: o.phoneField,
          statedAge: o.statedAge,
        });
      }
      observations.set(`${adId}|${o.observedAt.toISOString()}`, { adId, observedAt: o.observedAt, contentHash: o.contentHash });
    }
    const insertedVersions = await this.db
      .insert(adVersion)
      .values([...versions.values()])
      .onConflictDoNothing()
      .returning({ adId: adVersion.adId });
    const insertedObs = await this.db
      .insert(adObservation)
      .values([...observations.values()])
      .onConflictDoNothing()
      .returning({ adId: adObservation.adId });
    // Old observations of an ad whose details were purged must not bring its history back.
    const batchIds = [...new Set(upserted.map((r) => r.id))];
    const restored = await this.db
      .delete(adVersion)
      .where(and(inArray(adVersion.adId, batchIds), sql`${adVersion.adId} in (select id from ad where purged_at is not null)`))
      .returning({ adId: adVersion.adId });
    const restoredIds = new Set(restored.map((r) => r.adId));
    const changed = new Set(insertedVersions.map((v) => v.adId).filter((id) => !newAdIds.has(id) && !restoredIds.has(id)));
    return { newAds: newAdIds.size, newObservations: insertedObs.length, changedAds: changed.size };
  }

  async search(q: AdSearchQuery): Promise<AdListItem[]> {
    const where: (SQL | undefined)[] = [
      sql`${ad.purgedAt} is null`,
      q.text ? sql`${AD_SEARCH_VECTOR} @@ plainto_tsquery('swedish', ${q.text})` : undefined,
      q.phone ? sql`${ad.phones} @> array[${q.phone}]::text[]` : undefined,
      q.municipalityCode ? eq(ad.municipalityCode, q.municipalityCode) : undefined,
      q.countyCode ? sql`left(${ad.municipalityCode}, 2) = ${q.countyCode}` : undefined,
      q.seenFrom ? gte(ad.lastSeenAt, q.seenFrom) : undefined,
      q.seenTo ? lte(ad.firstSeenAt, q.seenTo) : undefined,
      q.indicatorCode ? sql`${ad.extraction} -> 'indicators' @> ${JSON.stringify([{ code: q.indicatorCode }])}::jsonb` : undefined,
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
        firstSeenAt: ad.firstSeenAt,
        lastSeenAt: ad.lastSeenAt,
        isDemo: ad.isDemo,
      })
      .from(ad)
      .where(and(...where))
      .orderBy(desc(ad.lastSeenAt), ad.id)
      .limit(q.limit);
  }

  async searchByImage(phash: string, maxDistance: number, limit: number): Promise<AdImageMatch[]> {
    if (!/^[0-9a-f]{16}$/.test(phash)) throw new Error('searchByImage: phash must be 16 lowercase hex digits');
    // Works on PostgreSQL 14+ and PGlite: the hashes as 64-bit strings, XOR, count the ones.
    const distance = sql<number>`bit_count(('x' || ${image.phash})::bit(64) # ('x' || ${phash})::bit(64))::int`;
    const near = this.db
      .select({ adId: adImage.adId, sha256: adImage.sha256, distance: distance.as('distance') })
      .from(adImage)
      .innerJoin(image, eq(image.sha256, adImage.sha256))
      .where(and(sql`${image.phash} is not null`, sql`${distance} <= ${maxDistance}`))
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
        firstSeenAt: ad.firstSeenAt,
        lastSeenAt: ad.lastSeenAt,
        isDemo: ad.isDemo,
        distance: sql<number>`${near.distance}`.as('best_distance'),
        imageSha256: sql<string>`${near.sha256}`.as('best_sha256'),
      })
      .from(near)
      .innerJoin(ad, eq(ad.id, near.adId))
      .where(sql`${ad.purgedAt} is null`)
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
      .where(and(sql`${ad.purgedAt} is null`, sql`${ad.lastSeenAt} < ${before}`, sql`not ${isHeld}`))
      .returning({ id: ad.id });
    const ids = purged.map((p) => p.id);
    for (let i = 0; i < ids.length; i += 1000) await this.db.delete(adVersion).where(inArray(adVersion.adId, ids.slice(i, i + 1000)));
    return ids;
  }

  async markMissed(sourceId: string, seenSince: Date, threshold: number, at: Date): Promise<number> {
    await this.db
      .update(ad)
      .set({ missedCrawls: sql`${ad.missedCrawls} + 1` })
      .where(and(eq(ad.sourceId, sourceId), sql`${ad.removedAt} is null`, sql`${ad.lastSeenAt} < ${seenSince}`));
    const removed = await this.db
      .update(ad)
      .set({ removedAt: at })
      .where(and(eq(ad.sourceId, sourceId), sql`${ad.removedAt} is null`, gte(ad.missedCrawls, threshold)))
      .returning({ id: ad.id });
    return removed.length;
  }

  async linkReposts(sourceId: string, since: Date): Promise<number> {
    const linked = await this.db.execute(sql`
      update ad n set repost_of = (
        select o.id from ad o
        where o.source_id = n.source_id and o.id <> n.id and o.content_hash = n.content_hash and o.first_seen_at < n.first_seen_at
        order by o.last_seen_at desc limit 1)
      where n.source_id = ${sourceId} and n.first_seen_at >= ${since} and n.repost_of is null
        and exists (select 1 from ad o where o.source_id = n.source_id and o.id <> n.id and o.content_hash = n.content_hash and o.first_seen_at < n.first_seen_at)
      returning n.id`);
    return (linked as unknown as { rows?: unknown[] }).rows?.length ?? (linked as unknown as unknown[]).length ?? 0;
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
