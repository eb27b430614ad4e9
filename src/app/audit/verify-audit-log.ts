import { ChainVerifier, type ChainProblem } from '../../core/audit/chain';
import type { UnitOfWork } from '../ports';

export interface AuditVerification {
  isIntact: boolean;
  events: number;
  problems: ChainProblem[];
}

/** Re-computes the whole hash chain, page by page, and compares it with the recorded head. */
export async function verifyAuditLog(uow: UnitOfWork, pageSize = 5_000): Promise<AuditVerification> {
  return uow.transaction(async (r) => {
    const verifier = new ChainVerifier();
    let from = 0;
    for (;;) {
      const page = await r.audit.scan(from, pageSize);
      for (const row of page) verifier.push(row);
      const last = page.at(-1);
      if (!last || page.length < pageSize) break;
      from = last.seq + 1;
    }
    const problems = verifier.finish(await r.audit.head());
    return { isIntact: problems.length === 0, events: verifier.count, problems };
  });
}
