import { describe, expect, it } from 'vitest';
import { parseProbeCsv, splitCsvLine } from './probe-csv';

const HEADER = 'started_at,site,area,profile,window_minutes,replies_first_hour,replies_total';

describe('demand probes from CSV', () => {
  it('reads good lines with quoting, any column order and semicolons', () => {
    expect(splitCsvLine('a,"b, ""c""",d', ',')).toEqual(['a', 'b, "c"', 'd']);
    const r = parseProbeCsv(`${HEADER}\n2026-03-02T20:00+01:00,Kontaktsajt X,kommun:2480,"Kvinna 19 år, ny i stan",180,4,9\n`);
    expect(r.problems).toEqual([]);
    expect(r.probes).toEqual([
      {
        startedAt: '2026-03-02T20:00:00+01:00',
        site: 'Kontaktsajt X',
        area: 'kommun:2480',
        profileDescription: 'Kvinna 19 år, ny i stan',
        windowMinutes: 180,
        repliesFirstHour: 4,
        repliesTotal: 9,
      },
    ]);
    const semi = parseProbeCsv(
      'replies_total;replies_first_hour;window_minutes;profile;area;site;started_at\n3;1;60;Kvinna 20;lan:24;Sajt;2026-03-02T20:00Z',
    );
    expect(semi.problems).toEqual([]);
    expect(semi.probes[0]?.repliesTotal).toBe(3);
  });

  it('names the line, the column and the reason of every bad value', () => {
    const r = parseProbeCsv(`${HEADER}\n2026-03-02 20:00,X,kommun:24,Kvinna,30,5,2\n2026-03-02T20:00Z,Sajt,kommun:2480,Kvinna 19,180,1\n`);
    expect(r.probes).toEqual([]);
    const cols = r.problems.map((p) => `${p.line}:${p.column}`);
    expect(cols).toEqual(expect.arrayContaining(['2:started_at', '2:site', '2:area', '2:window_minutes', '2:replies_total', '3:(line)']));
    expect(r.problems.find((p) => p.column === 'started_at')?.reason).toContain('offset');
    expect(parseProbeCsv('site,area\nx,y').problems.map((p) => p.column)).toContain('started_at');
  });
});
