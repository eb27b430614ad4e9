/**
 * The audit sequencer (ADR 0012): links committed audit events into the hash chain, a batch
 * per transaction, until none is waiting. The server runs it every second; `fyren audit verify`
 * runs it before it verifies. Processes take turns through the chain's advisory lock.
 */
import type { UnitOfWork } from '../shared/ports';

export interface ChainRun {
  chained: number;
  /** Seqs of events whose content no longer matches their content hash: left unchained. */
  refused: number[];
}

/** Chains every committed event that is waiting; at most `maxBatches` transactions of `batch` events. */
export async function chainAuditLog(uow: UnitOfWork, batch = 1_000, maxBatches = 1_000): Promise<ChainRun> {
  const run: ChainRun = { chained: 0, refused: [] };
  for (let i = 0; i < maxBatches; i += 1) {
    const r = await uow.transaction((repos) => repos.audit.chainPending(batch));
    run.chained += r.chained;
    for (const seq of r.refused) if (!run.refused.includes(seq)) run.refused.push(seq);
    // A refused event stays unchained and is read again each round: stop when a round chains nothing.
    if (!r.isMore || r.chained === 0) break;
  }
  return run;
}
