/**
 * `fyren extract [--region SE]`: reads JSONL on stdin (AdRecords, or `{id, text, region?}`)
 * and writes one JSONL line per input line, in the same order, with what the extraction core
 * found. Streams in constant memory and honours backpressure. An invalid line gets an error
 * on stderr naming its line number and an `{"line": N, "error": …}` line on stdout, so the
 * output stays aligned with the input; the run goes on and exits 1 at the end.
 */
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js/max';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { AdRecordSchema } from '../../contracts/ad-record';
import { extractAd } from '../../core/extract';
import type { Extraction, ExtractInput } from '../../core/extract';
import { noPositionals, parseCommandArgs } from './args';
import { type CliCommand, type CliIo, UsageError } from './command';

const RegionSchema = z
  .string()
  .regex(/^[A-Z]{2}$/u, 'a two-letter region code such as SE')
  .refine((r) => isSupportedCountry(r), 'a region libphonenumber knows');

/** A bare text line: `{ id, text, region? }`. */
export const TextLineSchema = z
  .object({
    /** Any id the caller wants back. */
    id: z.union([z.string(), z.number()]),
    /** The ad text. */
    text: z.string(),
    /** Default region for phone numbers on this line. */
    region: RegionSchema.optional(),
  })
  .strict();

/** An AdRecord line, optionally with its own region. */
const AdLineSchema = AdRecordSchema.extend({ region: RegionSchema.optional() });

function regionOf(args: readonly string[]): { region: CountryCode } {
  const { values, positionals } = parseCommandArgs(args, { region: { type: 'string', default: 'SE' } });
  noPositionals(positionals);
  const parsed = RegionSchema.safeParse(values.region);
  if (!parsed.success) throw new UsageError(`--region: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { region: parsed.data as CountryCode };
}

/** The output line for one input: ids, flat values for tools, and the evidence. */
function toOutput(id: string, x: Extraction): Record<string, unknown> {
  return {
    id,
    phones: x.phones.map((p) => p.value.e164),
    emails: x.emails.map((e) => e.value),
    handles: x.handles.map((h) => ({ platform: h.value.platform, handle: h.value.handle })),
    urls: x.urls.map((u) => u.value),
    ages: x.ages.map((a) => ({ years: a.value.years, isMinor: a.value.isMinor, confidence: a.confidence, evidence: a.evidence })),
    prices: x.prices.map((p) => ({ ...p.value, evidence: p.evidence })),
    places: x.places.map((p) => ({
      municipality: p.value.municipality,
      county: p.value.county,
      policeRegion: p.value.policeRegion,
      confidence: p.confidence,
      evidence: p.evidence,
    })),
    municipality: x.municipality?.value.municipality ?? null,
    nationalities: x.nationalities.map((n) => ({ ...n.value, evidence: n.evidence })),
    languages: x.languages.map((l) => ({ ...l.value, confidence: l.confidence })),
    indicators: x.indicators.map((i) => ({ code: i.code, weight: i.weight, evidence: i.evidence })),
    evidence: {
      phones: x.phones.map((p) => ({
        value: p.value.e164,
        isObfuscated: p.value.isObfuscated,
        confidence: p.confidence,
        evidence: p.evidence,
      })),
      emails: x.emails.map((e) => ({ value: e.value, evidence: e.evidence })),
      handles: x.handles.map((h) => ({ value: h.value, evidence: h.evidence })),
    },
    lexiconVersion: x.lexiconVersion,
  };
}

function describe(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`)
    .join('; ');
}

/**
 * Recent extractions by content. An ad observed again unchanged (the usual case: one
 * observation per ad per day) is not extracted again. Bounded, so memory stays constant;
 * extraction is pure, so the output is the same.
 */
export class ExtractionCache {
  private readonly map = new Map<string, Extraction>();
  constructor(private readonly capacity = 2000) {}
  get(input: ExtractInput, region: CountryCode): Extraction {
    const key = JSON.stringify([
      region,
      input.title ?? '',
      input.body,
      input.location ?? null,
      input.phoneField ?? null,
      input.age ?? null,
    ]);
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const x = extractAd(input, { region });
    if (this.map.size >= this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done !== true) this.map.delete(oldest.value);
    }
    this.map.set(key, x);
    return x;
  }
}

/** Reads one input line; returns the output object or an error message. */
export function extractLine(
  line: string,
  region: CountryCode,
  cache: ExtractionCache = new ExtractionCache(1),
): { output: Record<string, unknown> } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  const isText = typeof json === 'object' && json !== null && 'text' in json && !('body' in json);
  if (isText) {
    const t = TextLineSchema.safeParse(json);
    if (!t.success) return { error: describe(t.error) };
    const r = (t.data.region ?? region) as CountryCode;
    return { output: toOutput(String(t.data.id), cache.get({ body: t.data.text }, r)) };
  }
  const a = AdLineSchema.safeParse(json);
  if (!a.success) return { error: describe(a.error) };
  const d = a.data;
  const input: ExtractInput = { title: d.title, body: d.body, location: d.location, phoneField: d.phoneField, age: d.age };
  return { output: toOutput(`${d.source}:${d.externalId}`, cache.get(input, (d.region ?? region) as CountryCode)) };
}

async function write(stream: NodeJS.WritableStream, s: string): Promise<void> {
  if (!stream.write(s)) await once(stream, 'drain');
}

/** `fyren extract`. */
export const extractCommand: CliCommand = {
  path: ['extract'],
  summary: 'Extract phones, places, ages, prices and indicators from ads (JSONL in, JSONL out)',
  usage: [
    'Usage: fyren extract [--region SE] < ads.jsonl > extracted.jsonl',
    '',
    'Reads one JSON object per line on stdin: an AdRecord (docs/formats.md) or {"id", "text", "region"?}.',
    'Writes one line per input line, in the same order, keeping the id ("source:externalId" for',
    'AdRecords) and adding phones (E.164), emails, handles, ages, prices, places, municipality,',
    'nationalities, languages and indicators, each with its evidence.',
    '',
    '  --region CC   default region for phone numbers without a country code (default SE);',
    '                a line may carry its own "region".',
    '',
    'Blank lines are skipped. An invalid line is reported on stderr with its line number and written as',
    '{"line": N, "error": "..."}; the run goes on and exits with status 1 at the end.',
  ].join('\n'),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { region } = regionOf(args);
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    const cache = new ExtractionCache();
    let n = 0;
    let invalid = 0;
    for await (const raw of rl) {
      n++;
      const line = raw.trim();
      if (line.length === 0) continue;
      const r = extractLine(line, region, cache);
      if ('error' in r) {
        invalid++;
        await write(io.stderr, `fyren extract: line ${n}: ${r.error}\n`);
        await write(io.stdout, `${JSON.stringify({ line: n, error: r.error })}\n`);
        continue;
      }
      await write(io.stdout, `${JSON.stringify(r.output)}\n`);
    }
    if (invalid > 0) await write(io.stderr, `fyren extract: ${invalid} of ${n} lines invalid\n`);
    return invalid > 0 ? 1 : 0;
  },
};
