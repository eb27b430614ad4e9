/** Worker thread: the text facts (MinHash signature, name) of batches of ads, for a linking rebuild. */
import { parentPort } from 'node:worker_threads';
import { MINHASH_SIZE, textFacts } from '../../core/link';

interface Job {
  id: number;
  items: [title: string | null, body: string | null][];
}

parentPort!.on('message', (job: Job) => {
  try {
    // Signatures go back in one transferred buffer; a row of zeros with has[i] = 0 is "no signature".
    const sigs = new Uint32Array(job.items.length * MINHASH_SIZE);
    const has = new Uint8Array(job.items.length);
    const names: string[][] = [];
    job.items.forEach(([title, body], i) => {
      const f = textFacts(title, body);
      if (f.text) {
        sigs.set(f.text, i * MINHASH_SIZE);
        has[i] = 1;
      }
      names.push(f.names);
    });
    parentPort!.postMessage({ id: job.id, sigs, has, names }, [sigs.buffer, has.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
