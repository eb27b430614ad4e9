import type { AuditEvent, AuditQuery } from '../../contracts/identity';
import { authorize } from '../identity/authorize';
import type { AppDeps, RequestContext } from '../shared/ports';

/** Reads the audit log with filters, newest first; the read itself is audited. */
export async function listAuditEvents(
  deps: AppDeps,
  ctx: RequestContext,
  query: AuditQuery,
): Promise<{ items: AuditEvent[]; nextBefore: number | null }> {
  await authorize(deps, ctx, 'list', { kind: 'audit_log' });
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const rows = await r.audit.list(query);
    await r.audit.append(
      ctx,
      { action: 'audit.read', outcome: 'success', resourceKind: 'audit_log', details: { filter: { ...query } } },
      now,
    );
    const items = rows.map(({ prevHash: _p, hash: _h, chainSeq: _c, ...e }) => ({ ...e, at: e.at.toISOString() }));
    const last = rows.at(-1);
    return { items, nextBefore: rows.length === query.limit && last ? last.seq : null };
  });
}
