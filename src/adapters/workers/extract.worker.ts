/** Worker thread: runs the pure extraction core on batches of ads. */
import { parentPort } from 'node:worker_threads';
import type { CountryCode } from 'libphonenumber-js/max';
import { extractAd, type ExtractInput } from '../../core/extract';

interface Job {
  id: number;
  items: { input: ExtractInput; region: string }[];
}

parentPort!.on('message', (job: Job) => {
  try {
    const results = job.items.map((i) => extractAd(i.input, { region: i.region as CountryCode }));
    parentPort!.postMessage({ id: job.id, results });
  } catch (err) {
    parentPort!.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
