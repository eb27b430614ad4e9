import { relinkAds } from '../intelligence/link-ads';
import type { EvidenceStore } from '../intelligence/ports';
import type { AppDeps } from '../shared/ports';
import { purgersByCategory, type RetentionPurger } from './purger';

export interface RetentionRun {
  category: string;
  purged: number;
}

/**
 * Runs every retention rule that has a period and a registered purger (its context's
 * registration brings it, src/main/contexts/), and audits each purge. A rule whose category has
 * no purger is skipped.
 */
export async function runRetention(
  deps: Pick<AppDeps, 'uow' | 'clock'> & { evidence: EvidenceStore },
  purgers: readonly RetentionPurger[],
): Promise<RetentionRun[]> {
  const byCategory = purgersByCategory(purgers);
  const now = deps.clock.now();
  const relink: string[] = [];
  const { results, deletedImages, affectedWarcFiles } = await deps.uow.transaction(async (r) => {
    const results: RetentionRun[] = [];
    const deletedImages: string[] = [];
    const affectedWarcFiles: string[] = [];
    for (const rule of await r.retention.list()) {
      if (rule.keepDays === null) continue;
      const purger = byCategory.get(rule.category);
      if (!purger) continue;
      const before = new Date(now.getTime() - rule.keepDays * 86_400_000);
      const done = await purger.purge(r, before, now);
      deletedImages.push(...(done.deletedImages ?? []));
      affectedWarcFiles.push(...(done.affectedWarcFiles ?? []));
      relink.push(...(done.relink ?? []));
      results.push({ category: rule.category, purged: done.purged });
      await r.audit.append(
        { actor: null, requestId: 'retention' },
        {
          action: 'retention.purge',
          outcome: 'success',
          resourceKind: rule.category,
          details: { purged: done.purged, ...done.details, before: before.toISOString(), source: rule.source },
        },
        now,
      );
    }
    return { results, deletedImages, affectedWarcFiles };
  });
  await removeEvidenceFiles(deps, deletedImages, [...new Set(affectedWarcFiles)]);
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
