/**
 * The report's sections: the default order, and a section plugged in by another module (as the
 * outreach and demand sides will) lands where it is inserted, with its data from `extras`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveArea } from '../../core/stats/area';
import { publishDashboard } from '../../core/stats/dashboard';
import { insertSection, KARTLAGGNING_SECTIONS, renderReportPdf, winAnsi, type ReportSection } from './kartlaggning-report';

const dashboard = publishDashboard(
  {
    area: resolveArea('2480'),
    period: { from: '2026-02-02', to: '2026-02-15' },
    totals: { ads: 40, profiles: 12, newProfiles: 4, inresta: 7, sugarAds: 0, networks: 5 },
    weeks: [
      { week: '2026-02-02', ads: 30, profiles: 10, newProfiles: 3, inresta: 5, sugarAds: 0 },
      { week: '2026-02-09', ads: 34, profiles: 11, newProfiles: 6, inresta: 6, sugarAds: 0 },
    ],
    kommuner: [{ code: '2480', ads: 40, profiles: 12, inresta: 7 }],
    indicators: [{ code: 'NEW_IN_TOWN', profiles: 6 }],
    flows: [{ from: '2482', to: '2480', profiles: 5 }],
    lastYear: {
      period: { from: '2025-02-02', to: '2025-02-15' },
      totals: { ads: 3, profiles: 3, newProfiles: 0, inresta: 0, sugarAds: 0, networks: 0 },
    },
    comparisons: [],
  },
  5,
);
const method = {
  definitionsVersion: 'kartlaggning-2026.2',
  sites: [],
  deduplication: { linkParams: [], weights: [], extraction: [] },
  threshold: 5,
};

describe('kartläggning report', () => {
  it('has its sections in order: title, summary, figures, trends, map, indicators, comparison, kommuner, method, suppression', () => {
    expect(KARTLAGGNING_SECTIONS.map((s) => s.key)).toEqual([
      'title',
      'summary',
      'keyFigures',
      'trends',
      'map',
      'indicators',
      'comparison',
      'kommuner',
      'method',
      'suppression',
    ]);
  });

  it('takes a plugged-in section with its own data, after the section it names', async () => {
    const outreach: ReportSection = {
      key: 'outreach',
      render(ctx) {
        const figures = ctx.extras?.outreach as { contacted: string };
        ctx.doc.addPage();
        ctx.heading('Uppsökande arbete');
        ctx.table({ header: ['Mått', 'Värde'], rows: [['Kontaktade', figures.contacted]] });
      },
    };
    const sections = insertSection(KARTLAGGNING_SECTIONS, 'indicators', outreach);
    expect(sections.map((s) => s.key).slice(5, 7)).toEqual(['indicators', 'outreach']);
    const pdf = await renderReportPdf(
      { dashboard, method, lang: 'sv', generatedAt: new Date('2026-03-01T10:00:00Z'), extras: { outreach: { contacted: '<5' } } },
      sections,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'fyren-report-unit-')), 'r.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
    const at = (s: string) => text.indexOf(s);
    expect(at('Uppsökande arbete')).toBeGreaterThan(at('Tecken på utnyttjande'));
    expect(at('Uppsökande arbete')).toBeLessThan(at('Jämförelse'));
    expect(text).toContain('Kontaktade');
    expect(text).toContain('Framställd 2026-03-01 med Fyren.');
  }, 60_000);

  it('keeps text inside Helvetica’s WinAnsi set', () => {
    expect(winAnsi('Umeå → Luleå ≥ 5 – ok')).toBe('Umeå -> Luleå >= 5 – ok');
  });
});
