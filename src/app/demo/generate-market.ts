/**
 * Use case: write a synthetic market to a folder (`fyren demo generate`).
 *
 * Files (docs/formats.md): ads.jsonl (AdRecords, one per observation), truth.jsonl
 * (one line per ad), persons.jsonl, operations.jsonl, events.jsonl (site changes per
 * day), manifest.json and, when an image renderer is given, images/<imageId>.jpg.
 * Writes stream with backpressure, so a million ads stay in constant memory.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { AdRecordImage } from '../../core/market/ad-record';
import { simulateMarket } from '../../core/market/simulate-market';
import type { MarketConfig } from '../../core/market/types';

/** Renders one synthetic image by id (port; the sharp adapter implements it). */
export type ImageRenderer = (imageId: string) => Promise<Buffer>;

/** What to generate and where. */
export interface GenerateMarketOptions {
  config: MarketConfig;
  /** Output folder; created if missing. Existing files of the same names are replaced. */
  outDir: string;
  /** Renders images; without it, AdRecords carry image URLs only. */
  renderImage?: ImageRenderer;
  /** Called after each simulated day (for progress output). */
  onDay?: (day: number, counts: MarketCounts) => void;
}

/** Counts of what was written. */
export interface MarketCounts {
  persons: number;
  operations: number;
  /** Distinct ads (truth lines). */
  ads: number;
  /** AdRecord lines (one per ad per day it is live). */
  observations: number;
  events: number;
  images: number;
}

/** The result of a generation. */
export interface GenerateMarketResult {
  counts: MarketCounts;
  /** File name → sha256 (hex) of the written bytes, images excluded. */
  files: Record<string, string>;
}

/** A JSONL file writer that buffers lines and respects stream backpressure. */
class JsonlWriter {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private buffer = '';

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }

  /** Adds one line; resolves only when the buffer was flushed and the stream wants a pause. */
  write(value: unknown): Promise<void> | undefined {
    this.buffer += JSON.stringify(value) + '\n';
    if (this.buffer.length < 1 << 16) return undefined;
    return this.flush();
  }

  private flush(): Promise<void> | undefined {
    if (this.buffer.length === 0) return undefined;
    const chunk = this.buffer;
    this.buffer = '';
    this.hash.update(chunk, 'utf8');
    if (this.stream.write(chunk)) return undefined;
    return once(this.stream, 'drain').then(() => undefined);
  }

  /** Flushes and closes; resolves to the sha256 of everything written. */
  async close(): Promise<string> {
    const pending = this.flush();
    if (pending) await pending;
    this.stream.end();
    await once(this.stream, 'finish');
    return this.hash.digest('hex');
  }
}

/** Generates a market into `outDir` and returns counts and file hashes. */
export async function generateMarket(options: GenerateMarketOptions): Promise<GenerateMarketResult> {
  const { config, outDir, renderImage } = options;
  await mkdir(outDir, { recursive: true });
  if (renderImage) await mkdir(join(outDir, 'images'), { recursive: true });
  const writers = {
    'ads.jsonl': new JsonlWriter(join(outDir, 'ads.jsonl')),
    'truth.jsonl': new JsonlWriter(join(outDir, 'truth.jsonl')),
    'persons.jsonl': new JsonlWriter(join(outDir, 'persons.jsonl')),
    'operations.jsonl': new JsonlWriter(join(outDir, 'operations.jsonl')),
    'events.jsonl': new JsonlWriter(join(outDir, 'events.jsonl')),
  };
  const counts: MarketCounts = { persons: 0, operations: 0, ads: 0, observations: 0, events: 0, images: 0 };
  const imageHashes = new Map<string, string>();

  const saveImage = async (imageId: string): Promise<string> => {
    const known = imageHashes.get(imageId);
    if (known) return known;
    if (!renderImage) throw new Error('saveImage without a renderer');
    const bytes = await renderImage(imageId);
    await writeFile(join(outDir, 'images', `${imageId}.jpg`), bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    imageHashes.set(imageId, sha);
    counts.images++;
    return sha;
  };

  for (const item of simulateMarket(config)) {
    let pending: Promise<void> | undefined;
    switch (item.kind) {
      case 'operation':
        counts.operations++;
        pending = writers['operations.jsonl'].write(item.operation);
        break;
      case 'person':
        counts.persons++;
        pending = writers['persons.jsonl'].write(item.person);
        break;
      case 'event':
        counts.events++;
        pending = writers['events.jsonl'].write(item.event);
        break;
      case 'truth':
        counts.ads++;
        pending = writers['truth.jsonl'].write(item.truth);
        break;
      case 'observation': {
        counts.observations++;
        let record = item.record;
        if (renderImage) {
          const images: AdRecordImage[] = [];
          for (const img of record.images) {
            const imageId = img.url.slice(img.url.lastIndexOf('/') + 1, -'.jpg'.length);
            images.push({ url: img.url, path: `images/${imageId}.jpg`, sha256: await saveImage(imageId) });
          }
          record = { ...record, images };
        }
        pending = writers['ads.jsonl'].write(record);
        break;
      }
      case 'day-end':
        options.onDay?.(item.day, counts);
        break;
    }
    if (pending) await pending;
  }

  const files: Record<string, string> = {};
  for (const [name, writer] of Object.entries(writers)) files[name] = await writer.close();
  const manifest = {
    format: 'fyren-demo-market',
    formatVersion: 1,
    config,
    isWithImages: renderImage !== undefined,
    counts,
    files,
  };
  const manifestText = JSON.stringify(manifest, null, 2) + '\n';
  await writeFile(join(outDir, 'manifest.json'), manifestText);
  files['manifest.json'] = createHash('sha256').update(manifestText).digest('hex');
  return { counts, files };
}
