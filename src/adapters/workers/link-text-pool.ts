/**
 * Text facts for a linking rebuild on worker threads: while the main thread reads the next page
 * of ads from the database and builds the rest of each ad, the workers compute the MinHash
 * signatures and names (the costly part of preparing an ad).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TextFactsSource } from '../../app/intelligence/ports';
import { MINHASH_SIZE, type TextFacts } from '../../core/link';

type Reply = { id: number; sigs?: Uint32Array; has?: Uint8Array; names?: string[][]; error?: string };
type Pending = { resolve: (r: TextFacts[]) => void; reject: (e: Error) => void };

export class LinkTextPool implements TextFactsSource {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private turn = 0;

  /** One worker per core but the main thread's, at least one. */
  constructor(size = Math.max(1, availableParallelism() - 1)) {
    const boot = new URL('./worker-boot.mjs', import.meta.url);
    const entry = new URL('./link-text.worker.ts', import.meta.url).href;
    for (let i = 0; i < size; i++) {
      const w = new Worker(boot, { workerData: { entry } });
      w.on('message', (m: Reply) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error !== undefined || !m.sigs || !m.has || !m.names)
          p.reject(new Error(`text facts failed in a worker: ${m.error ?? 'no reply'}`));
        else {
          const { sigs, has, names } = m;
          p.resolve(names.map((n, k) => ({ text: has[k] ? sigs.slice(k * MINHASH_SIZE, (k + 1) * MINHASH_SIZE) : null, names: n })));
        }
      });
      w.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  /** The text facts of each ad, in input order. */
  async textFacts(items: { title: string | null; body: string | null }[]): Promise<TextFacts[]> {
    if (!items.length) return [];
    const n = Math.min(this.workers.length, Math.ceil(items.length / 200));
    const size = Math.ceil(items.length / n);
    const parts = await Promise.all(
      Array.from({ length: n }, (_, k) => {
        const id = this.nextId++;
        const worker = this.workers[this.turn++ % this.workers.length]!;
        return new Promise<TextFacts[]>((resolve, reject) => {
          this.pending.set(id, { resolve, reject });
          worker.postMessage({ id, items: items.slice(k * size, (k + 1) * size).map((i) => [i.title, i.body]) });
        });
      }),
    );
    return parts.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
