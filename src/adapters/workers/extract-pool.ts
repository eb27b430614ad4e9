/**
 * Extraction on all cores: a pool of worker threads running the pure extraction core, so
 * a large import extracts in parallel while the main thread writes to the database.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Extractor } from '../../app/intelligence/ports';
import type { Extraction, ExtractInput } from '../../core/extract';

type Pending = { resolve: (r: Extraction[]) => void; reject: (e: Error) => void };

export class ExtractPool implements Extractor {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private turn = 0;

  constructor(size = Math.max(1, availableParallelism())) {
    const boot = new URL('./worker-boot.mjs', import.meta.url);
    const entry = new URL('./extract.worker.ts', import.meta.url).href;
    for (let i = 0; i < size; i++) {
      const w = new Worker(boot, { workerData: { entry } });
      w.on('message', (m: { id: number; results?: Extraction[]; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error !== undefined) p.reject(new Error(`extraction failed in a worker: ${m.error}`));
        else p.resolve(m.results ?? []);
      });
      w.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  /** Splits the batch over the workers and returns the extractions in input order. */
  async extractMany(items: { input: ExtractInput; region: string }[]): Promise<Extraction[]> {
    if (!items.length) return [];
    const n = Math.min(this.workers.length, Math.ceil(items.length / 50));
    const size = Math.ceil(items.length / n);
    const parts = await Promise.all(
      Array.from({ length: n }, (_, k) => {
        const id = this.nextId++;
        const worker = this.workers[this.turn++ % this.workers.length]!;
        return new Promise<Extraction[]>((resolve, reject) => {
          this.pending.set(id, { resolve, reject });
          worker.postMessage({ id, items: items.slice(k * size, (k + 1) * size) });
        });
      }),
    );
    return parts.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
