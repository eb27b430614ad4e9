import { relinkAds } from '../intelligence/link-ads';
import type { AppDeps, EvidenceStore } from '../ports';

export interface RetentionRun {
  category: string;
  purged: number;
}

/**
 * Runs every retention rule that has a period and an implemented purge, and audits each
 * purge. Categories are added here as their data arrives (ads, outreach, cases, …).
 */
export async function runRetention(deps: Pick<AppDeps, 'uow' | 'clock'> & { evidence: EvidenceStore }): Promise<RetentionRun[]> {
  const now = deps.clock.now();
  const relink: string[] = [];
  const { results, deletedImages, affectedWarcFiles } = await deps.uow.transaction(async (r) => {
    const results: RetentionRun[] = [];
    let deletedImages: string[] = [];
    let affectedWarcFiles: string[] = [];
    for (const rule of await r.retention.list()) {
      if (rule.keepDays === null) continue;
      const before = new Date(now.getTime() - rule.keepDays * 86_400_000);
      let purged: number | null = null;
      let details: Record<string, unknown> = {};
      if (rule.category === 'session') purged = await r.sessions.purgeEndedBefore(before, now);
      // Buyer-side pseudonyms: the HMAC of a handle goes; the counts keep only a random key.
      if (rule.category === 'demand_pseudonym') purged = await r.demand.purgePseudonyms(before);
      if (rule.category === 'ad') {
        // The ad's text and details, and its captures and images unless another ad still shows them.
        const ids = await r.ads.purgeLastSeenBefore(before, now);
        // Purged ads leave linking; the rest of their networks are re-linked below.
        const networks = await r.links.networksOfAds(ids);
        await r.links.lock();
        await r.links.forgetAds(ids);
        relink.push(...(await r.links.adsOfNetworks(networks)));
        const detached = await r.evidence.detachAds(ids);
        deletedImages = detached.deletedImages;
        const unlinked = await r.evidence.purgeUnlinkedCaptures(before);
        affectedWarcFiles = [...new Set([...detached.affectedWarcFiles, ...unlinked])];
        purged = ids.length;
        details = { images: deletedImages.length, warcFiles: affectedWarcFiles.length };
      }
      if (rule.category === 'outreach') {
        // Contact attempts and SMS older than the period; those that led to a referral follow the case rules (kept).
        const gone = await r.outreach.purgeBefore(before);
        purged = gone.contacts;
        details = { messages: gone.messages };
      }
      if (purged === null) continue;
      results.push({ category: rule.category, purged });
      await r.audit.append(
        { actor: null, requestId: 'retention' },
        {
          action: 'retention.purge',
          outcome: 'success',
          resourceKind: rule.category,
          details: { purged, ...details, before: before.toISOString(), source: rule.source },
        },
        now,
      );
    }
    return { results, deletedImages, affectedWarcFiles };
  });
  await removeEvidenceFiles(deps, deletedImages, affectedWarcFiles);
  if (relink.length > 0) await relinkAds(deps, relink);
  return results;
}

/**
 * Deletes image files and rewrites WARC files without the captures the database no longer
 * has. Files go after the database no longer points at them; a crash here leaves only
 * unreferenced bytes for the next run.
 */
export async function removeEvidenceFiles(
  deps: Pick<AppDeps, 'uow'> & { evidence: EvidenceStore },
  deletedImages: string[],
  affectedWarcFiles: string[],
): Promise<void> {
  await deps.evidence.deleteImages(deletedImages);
  for (const file of affectedWarcFiles) {
    const keep = await deps.uow.transaction((r) => r.evidence.capturesInFile(file));
    const { newFile, moved } = await deps.evidence.rewriteWarcFile(file, keep);
    if (newFile) await deps.uow.transaction((r) => r.evidence.moveCaptures(newFile, moved));
    await deps.evidence.deleteWarcFile(file);
  }
}
