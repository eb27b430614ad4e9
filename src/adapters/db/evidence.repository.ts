/** Captures, images and their links to ads. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { phashKeys, phashProbeKeys } from '../../core/images/phash';
import { IMAGE_REUSE_MAX_DISTANCE } from '../../core/link/params';
import type { CaptureLocation, CaptureRow, EvidenceRepository, StoredImageInfo } from '../../app/intelligence/ports';
import type { Db } from './client';
import { intArray } from './sql';
import { ad, adImage, capture, captureAd, image } from './schema';

export class DrizzleEvidenceRepository implements EvidenceRepository {
  constructor(private readonly db: Db) {}

  async insertCaptures(rows: (CaptureLocation & { sourceId: string; status: number; crawlRunId: string | null })[]) {
    if (!rows.length) return [];
    const inserted = await this.db
      .insert(capture)
      .values(
        rows.map((r) => ({
          sourceId: r.sourceId,
          crawlRunId: r.crawlRunId,
          url: r.url,
          status: r.status,
          fetchedAt: r.fetchedAt,
          warcFile: r.warcFile,
          warcOffset: r.offset,
          warcLength: r.length,
          recordId: r.recordId,
          requestRecordId: r.requestRecordId,
          payloadSha256: r.payloadSha256,
        })),
      )
      .returning({ id: capture.id });
    return inserted.map((r) => r.id);
  }

  async linkCaptures(links: { captureId: string; sourceId: string; externalId: string }[]) {
    for (const l of links) {
      await this.db.execute(sql`
        insert into capture_ad (capture_id, ad_id)
        select ${l.captureId}::uuid, id from ad where source_id = ${l.sourceId} and external_id = ${l.externalId}
        on conflict do nothing`);
    }
  }

  async knownImages(sourceId: string, externalIds: string[], urls: string[]) {
    const linked = new Set<string>();
    const sha256ByUrl = new Map<string, string>();
    if (!externalIds.length || !urls.length) return { linked, sha256ByUrl };
    const rows = await this.db
      .select({ externalId: ad.externalId, url: adImage.url, sha256: adImage.sha256 })
      .from(adImage)
      .innerJoin(ad, eq(ad.id, adImage.adId))
      .where(and(eq(ad.sourceId, sourceId), inArray(adImage.url, urls)));
    const wanted = new Set(externalIds);
    for (const r of rows) {
      if (wanted.has(r.externalId)) linked.add(`${r.externalId}\n${r.url}`);
      sha256ByUrl.set(r.url, r.sha256);
    }
    return { linked, sha256ByUrl };
  }

  async saveImage(img: StoredImageInfo, at: Date) {
    const keys = img.phash === null ? null : phashKeys(img.phash);
    await this.db
      .insert(image)
      .values({
        sha256: img.sha256,
        phash: img.phash,
        phashKeys: keys,
        width: img.width,
        height: img.height,
        size: img.size,
        firstSeenAt: at,
      })
      .onConflictDoNothing();
    // Image group for linking: the group of the earliest stored picture within the reuse
    // threshold, or the image's own hash. The block keys' index finds the candidates (OFFSET 0
    // keeps that plan: a few hundred rows, no parallel scan); the exact distance decides.
    const near =
      img.phash === null
        ? sql`null`
        : sql`(select c.group_key from (
                 select o.group_key, o.phash, o.first_seen_at, o.sha256 from image o
                 where o.phash_keys && ${intArray(phashProbeKeys(img.phash, IMAGE_REUSE_MAX_DISTANCE))}
                   and o.phash is not null and o.group_key is not null and o.sha256 <> ${img.sha256}
                 offset 0) c
               where bit_count(('x' || c.phash)::bit(64) # ('x' || ${img.phash})::bit(64)) <= ${IMAGE_REUSE_MAX_DISTANCE}
               order by c.first_seen_at, c.sha256 limit 1)`;
    await this.db.execute(sql`update image set group_key = coalesce(${near}, sha256) where sha256 = ${img.sha256} and group_key is null`);
  }

  async linkImage(l: { sourceId: string; externalId: string; sha256: string; url: string; at: Date }) {
    await this.db.execute(sql`
      insert into ad_image (ad_id, sha256, url, first_seen_at)
      select id, ${l.sha256}, ${l.url}, ${l.at} from ad where source_id = ${l.sourceId} and external_id = ${l.externalId}
      on conflict do nothing`);
  }

  async capturesOfAd(adId: string): Promise<CaptureRow[]> {
    const rows = await this.db
      .select()
      .from(capture)
      .innerJoin(captureAd, eq(captureAd.captureId, capture.id))
      .where(eq(captureAd.adId, adId))
      .orderBy(asc(capture.fetchedAt));
    return rows.map(({ capture: c }) => ({
      id: c.id,
      sourceId: c.sourceId,
      status: c.status,
      url: c.url,
      fetchedAt: c.fetchedAt,
      warcFile: c.warcFile,
      offset: c.warcOffset,
      length: c.warcLength,
      recordId: c.recordId,
      requestRecordId: c.requestRecordId,
      payloadSha256: c.payloadSha256,
    }));
  }

  async isImageOfLiveAd(sha256: string) {
    const [row] = await this.db
      .select({ adId: adImage.adId })
      .from(adImage)
      .innerJoin(ad, eq(ad.id, adImage.adId))
      .where(and(eq(adImage.sha256, sha256), sql`${ad.purgedAt} is null`))
      .limit(1);
    return row !== undefined;
  }

  async kommunerOfImage(sha256: string) {
    const rows = await this.db
      .selectDistinct({ kommun: ad.municipalityCode })
      .from(adImage)
      .innerJoin(ad, eq(ad.id, adImage.adId))
      .where(and(eq(adImage.sha256, sha256), sql`${ad.purgedAt} is null`));
    return rows.map((r) => r.kommun);
  }

  async kommunOfAd(adId: string) {
    const [row] = await this.db.select({ kommun: ad.municipalityCode }).from(ad).where(eq(ad.id, adId));
    return row ? row.kommun : undefined;
  }

  async imagesOfAd(adId: string) {
    return this.db
      .select({ sha256: adImage.sha256, url: adImage.url })
      .from(adImage)
      .where(eq(adImage.adId, adId))
      .orderBy(asc(adImage.firstSeenAt));
  }

  async findAd(ref: { id: string } | { sourceId: string; externalId: string }) {
    const where = 'id' in ref ? eq(ad.id, ref.id) : and(eq(ad.sourceId, ref.sourceId), eq(ad.externalId, ref.externalId));
    const [row] = await this.db.select({ id: ad.id, sourceId: ad.sourceId, externalId: ad.externalId, url: ad.url }).from(ad).where(where);
    return row ?? null;
  }

  async detachAds(adIds: string[]) {
    const deletedImages: string[] = [];
    const files = new Set<string>();
    for (let i = 0; i < adIds.length; i += 1000) {
      const ids = adIds.slice(i, i + 1000);
      const imgs = await this.db.delete(adImage).where(inArray(adImage.adId, ids)).returning({ sha256: adImage.sha256 });
      const caps = await this.db.delete(captureAd).where(inArray(captureAd.adId, ids)).returning({ captureId: captureAd.captureId });
      const shas = [...new Set(imgs.map((x) => x.sha256))];
      if (shas.length) {
        const gone = await this.db
          .delete(image)
          .where(and(inArray(image.sha256, shas), sql`not exists (select 1 from ad_image ai where ai.sha256 = ${image.sha256})`))
          .returning({ sha256: image.sha256 });
        deletedImages.push(...gone.map((g) => g.sha256));
      }
      const capIds = [...new Set(caps.map((c) => c.captureId))];
      if (capIds.length) {
        const gone = await this.db
          .delete(capture)
          .where(and(inArray(capture.id, capIds), sql`not exists (select 1 from capture_ad ca where ca.capture_id = ${capture.id})`))
          .returning({ warcFile: capture.warcFile });
        for (const g of gone) files.add(g.warcFile);
      }
    }
    return { deletedImages, affectedWarcFiles: [...files] };
  }

  async purgeUnlinkedCaptures(before: Date) {
    const gone = await this.db
      .delete(capture)
      .where(and(sql`${capture.fetchedAt} < ${before}`, sql`not exists (select 1 from capture_ad ca where ca.capture_id = ${capture.id})`))
      .returning({ warcFile: capture.warcFile });
    return [...new Set(gone.map((g) => g.warcFile))];
  }

  async capturesInFile(warcFile: string) {
    return this.db
      .select({ id: capture.id, offset: capture.warcOffset, length: capture.warcLength })
      .from(capture)
      .where(eq(capture.warcFile, warcFile))
      .orderBy(asc(capture.warcOffset));
  }

  async moveCaptures(newFile: string, moved: { id: string; offset: number; length: number }[]) {
    for (const m of moved) {
      await this.db.update(capture).set({ warcFile: newFile, warcOffset: m.offset, warcLength: m.length }).where(eq(capture.id, m.id));
    }
  }
}
