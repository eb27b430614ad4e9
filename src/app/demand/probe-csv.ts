/**
 * Demand probes from CSV (docs/formats.md "Demand probes"). One probe a line, a header line
 * naming the columns in any order; comma or semicolon separated, fields may be quoted:
 *
 *   started_at,site,area,profile,window_minutes,replies_first_hour,replies_total
 *   2026-03-02T20:00+01:00,Kontaktsajt X,kommun:2480,"Kvinna 19 år, ny i stan",180,4,9
 *
 * Every bad line is reported with its line number, the column and the reason; the caller
 * stores nothing unless all lines are good.
 */
import { DemandProbeCreateSchema, type DemandProbeCreateInput } from '../../contracts/demand';

export const PROBE_CSV_COLUMNS = [
  'started_at',
  'site',
  'area',
  'profile',
  'window_minutes',
  'replies_first_hour',
  'replies_total',
] as const;

const FIELD_OF: Record<string, (typeof PROBE_CSV_COLUMNS)[number]> = {
  startedAt: 'started_at',
  site: 'site',
  area: 'area',
  profileDescription: 'profile',
  windowMinutes: 'window_minutes',
  repliesFirstHour: 'replies_first_hour',
  repliesTotal: 'replies_total',
};

/** Splits one CSV line (RFC 4180 quoting, "" inside quotes). */
export function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (c === sep) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

export interface ProbeCsvResult {
  probes: DemandProbeCreateInput[];
  problems: { line: number; column: string; reason: string }[];
}

/** Parses probe CSV text. */
export function parseProbeCsv(text: string): ProbeCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: ProbeCsvResult['problems'] = [];
  const probes: DemandProbeCreateInput[] = [];
  const headerLine = lines[0] ?? '';
  const sep = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  const header = splitCsvLine(headerLine, sep).map((h) => h.toLowerCase());
  const missing = PROBE_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    return { probes, problems: missing.map((c) => ({ line: 1, column: c, reason: 'missing column in the header line' })) };
  }
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const cells = splitCsvLine(raw, sep);
    if (cells.length !== header.length) {
      problems.push({ line: i + 1, column: '(line)', reason: `${cells.length} fields, the header has ${header.length}` });
      continue;
    }
    const get = (c: string) => cells[header.indexOf(c)] ?? '';
    let startedAt = get('started_at');
    // A time without an offset is refused (summer and winter time differ); "20:00+01:00" gains its seconds.
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/.test(startedAt))
      startedAt = startedAt.replace(' ', 'T').replace(/(\d{2}:\d{2})([+-]|Z)/, '$1:00$2');
    const num = (c: string) => (/^\d+$/.test(get(c)) ? Number(get(c)) : Number.NaN);
    const parsed = DemandProbeCreateSchema.safeParse({
      startedAt,
      site: get('site'),
      area: get('area'),
      profileDescription: get('profile'),
      windowMinutes: num('window_minutes'),
      repliesFirstHour: num('replies_first_hour'),
      repliesTotal: num('replies_total'),
    });
    if (parsed.success) probes.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        const column = FIELD_OF[String(issue.path[0])] ?? String(issue.path[0]);
        const reason = column === 'started_at' ? 'a date and time with an offset, e.g. 2026-03-02T20:00+01:00' : issue.message;
        problems.push({ line: i + 1, column, reason });
      }
  }
  return { probes, problems };
}
