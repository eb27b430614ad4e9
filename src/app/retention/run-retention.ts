import type { AppDeps } from '../ports';

export interface RetentionRun {
  category: string;
  purged: number;
}

/**
 * Runs every retention rule that has a period and an implemented purge, and audits each
 * purge. Categories are added here as their data arrives (ads, outreach, cases, …).
 */
export async function runRetention(deps: Pick<AppDeps, 'uow' | 'clock'>): Promise<RetentionRun[]> {
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const results: RetentionRun[] = [];
    for (const rule of await r.retention.list()) {
      if (rule.keepDays === null) continue;
      const before = new Date(now.getTime() - rule.keepDays * 86_400_000);
      let purged: number | null = null;
      if (rule.category === 'session') purged = await r.sessions.purgeEndedBefore(before, now);
      if (rule.category === 'ad') purged = await r.ads.purgeLastSeenBefore(before, now);
      if (purged === null) continue;
      results.push({ category: rule.category, purged });
      await r.audit.append(
        { actor: null, requestId: 'retention' },
        { action: 'retention.purge', outcome: 'success', resourceKind: rule.category, details: { purged, before: before.toISOString(), source: rule.source } },
        now,
      );
    }
    return results;
  });
}
