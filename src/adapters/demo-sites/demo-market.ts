/**
 * The market the demo sites serve: its events (appear, edit, repost, remove per day)
 * and a clock that tests and the CLI advance one simulated day at a time.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { dayDate, DEFAULT_START_DATE, simulateMarket } from '../../core/market/simulate-market';
import type { AdContent, MarketConfig, MarketEvent } from '../../core/market/types';

/** A market held in memory for the demo sites. */
export interface DemoMarket {
  config: MarketConfig;
  /** Events in day order. */
  events: MarketEvent[];
  /** Folder with images/<imageId>.jpg, when the market was generated with images. */
  imagesDir?: string;
}

/** The simulated day the sites show; starts at day 0. */
export class DemoClock {
  /** Current simulated day (0-based). */
  day = 0;

  /** Creates a clock for a market starting at `startDate`. */
  constructor(readonly startDate: string = DEFAULT_START_DATE) {}

  /** Moves the clock forward and returns the new day. */
  advance(days = 1): number {
    this.day += days;
    return this.day;
  }

  /** The current simulated date (YYYY-MM-DD). */
  get date(): string {
    return dayDate(this.startDate, this.day);
  }
}

/** Builds a market in memory (events only) from a config, for tests and `demo sites` without a folder. */
export function buildDemoMarket(config: MarketConfig): DemoMarket {
  const events: MarketEvent[] = [];
  for (const item of simulateMarket(config)) if (item.kind === 'event') events.push(item.event);
  return { config, events };
}

const ManifestSchema = z.object({
  format: z.literal('fyren-demo-market'),
  config: z.object({ seed: z.number(), persons: z.number(), days: z.number(), startDate: z.string() }),
  isWithImages: z.boolean(),
});

const AdContentSchema = z.object({
  title: z.string(),
  body: z.string(),
  location: z.string().optional(),
  phoneField: z.string().optional(),
  age: z.number().optional(),
  imageIds: z.array(z.string()),
  postedAt: z.string(),
}) satisfies z.ZodType<AdContent>;

const EventSchema = z.object({
  day: z.number().int().min(0),
  type: z.enum(['appear', 'edit', 'repost', 'remove']),
  source: z.string(),
  externalId: z.string(),
  repostOf: z.string().optional(),
  ad: AdContentSchema.optional(),
});

/** Loads a generated market folder (manifest.json and events.jsonl), validating each line. */
export async function loadDemoMarket(dir: string): Promise<DemoMarket> {
  const manifest = ManifestSchema.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
  const events: MarketEvent[] = [];
  const lines = createInterface({ input: createReadStream(join(dir, 'events.jsonl'), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const e = EventSchema.parse(JSON.parse(line));
    events.push({
      day: e.day,
      type: e.type,
      source: e.source,
      externalId: e.externalId,
      ...(e.repostOf ? { repostOf: e.repostOf } : {}),
      ...(e.ad ? { ad: e.ad } : {}),
    });
  }
  return { config: manifest.config, events, ...(manifest.isWithImages ? { imagesDir: join(dir, 'images') } : {}) };
}

/** A live ad as a site shows it. */
export interface SiteAd {
  externalId: string;
  content: AdContent;
  /** Day the ad appeared and day it was last edited. */
  firstDay: number;
  editedDay: number;
}

/**
 * The live ads of one source at the clock's day, rebuilt lazily from the events.
 * Listing order is newest first (posted time, then id), as sites do.
 */
export class SiteState {
  private live = new Map<string, SiteAd>();
  private cursor = 0;
  private syncedDay = -1;
  private sorted: SiteAd[] | null = null;

  constructor(
    private readonly source: string,
    private readonly events: readonly MarketEvent[],
  ) {}

  private syncTo(day: number): void {
    if (day === this.syncedDay) return;
    if (day < this.syncedDay) {
      this.live = new Map();
      this.cursor = 0;
    }
    while (this.cursor < this.events.length) {
      const e = this.events[this.cursor];
      if (!e || e.day > day) break;
      this.cursor++;
      if (e.source !== this.source) continue;
      if (e.type === 'remove') this.live.delete(e.externalId);
      else if (e.type === 'edit') {
        const prev = this.live.get(e.externalId);
        if (prev && e.ad) this.live.set(e.externalId, { ...prev, content: e.ad, editedDay: e.day });
      } else if (e.ad) {
        if (e.type === 'repost' && e.repostOf) this.live.delete(e.repostOf);
        this.live.set(e.externalId, { externalId: e.externalId, content: e.ad, firstDay: e.day, editedDay: e.day });
      }
    }
    this.syncedDay = day;
    this.sorted = null;
  }

  /** All live ads on `day`, newest first. */
  list(day: number): readonly SiteAd[] {
    this.syncTo(day);
    if (!this.sorted) {
      this.sorted = [...this.live.values()].sort((a, b) =>
        a.content.postedAt === b.content.postedAt
          ? a.externalId < b.externalId
            ? 1
            : -1
          : a.content.postedAt < b.content.postedAt
            ? 1
            : -1,
      );
    }
    return this.sorted;
  }

  /** One live ad on `day`, or undefined when it does not exist or was removed. */
  get(day: number, externalId: string): SiteAd | undefined {
    this.syncTo(day);
    return this.live.get(externalId);
  }
}
