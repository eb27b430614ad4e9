/**
 * The demand section of the PDF report: rendered by pdfkit (with the trend figure drawn by
 * svg-to-pdfkit), turned into PNG with pdftoppm and checked: the Swedish text is there, the
 * figure's demand line (blue) and event markers (red) are drawn, and suppressed counts print as "<5".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderDemandReport } from '../src/adapters/report/demand-section';
import type { DemandTrendDto, DisplacementDto } from '../src/contracts/demand';
import { addWeeks } from '../src/core/demand/buyer-account';
import { suppressCount } from '../src/core/stats/suppress';

const c = (n: number) => suppressCount(n);
const weeks = Array.from({ length: 20 }, (_, i) => addWeeks('2026-01-05', i));
const trend: DemandTrendDto = {
  area: { level: 'kommun', code: '2480', name: 'Umeå' },
  weeks: weeks.map((week, i) => ({
    week,
    isIncomplete: false,
    active: c(i < 10 ? 30 : 12),
    distinct: c(i === 19 ? 3 : i < 10 ? 26 + (i % 3) : 10),
    new: c(i % 4 === 0 ? 6 : 2),
    gone: c(i === 10 ? 14 : 3),
    profiles: c(i < 12 ? 40 : 25),
    repliesPerHour: i % 3 === 0 ? (i < 10 ? 4 : 1.5) : null,
    probes: i % 3 === 0 ? 1 : 0,
  })),
  events: [
    {
      id: 'e1',
      kind: 'operation',
      title: 'Insats mot sexköp i Umeå',
      areaLevel: 'kommun',
      areaCode: '2480',
      areaName: 'Umeå',
      date: '2026-03-10',
      isDemo: true,
    },
    {
      id: 'e2',
      kind: 'media',
      title: 'Lokaltidningen granskar sexköp',
      areaLevel: 'kommun',
      areaCode: '2480',
      areaName: 'Umeå',
      date: '2026-04-14',
      isDemo: true,
    },
  ],
  probes: [
    {
      id: 'p1',
      startedAt: '2026-05-01T19:00:00.000Z',
      site: 'Kontaktforumet (DEMO)',
      areaLevel: 'kommun',
      areaCode: '2480',
      areaName: 'Umeå',
      profileDescription: 'Ung kvinna, 19 år, ny i stan',
      windowMinutes: 180,
      repliesFirstHour: 2,
      repliesTotal: 5,
      isDemo: true,
    },
  ],
  lanOnlyNote: { lanOnlyAccounts: c(40), noPlaceAccounts: c(12) },
  threshold: 5,
  hasDemo: true,
  canEnter: false,
};
const displacement: DisplacementDto = {
  event: trend.events[0]!,
  weeks: 6,
  beforeWeeks: { from: '2026-01-26', to: '2026-03-02' },
  afterWeeks: { from: '2026-03-16', to: '2026-04-20' },
  rows: [
    { role: 'event', level: 'kommun', code: '2480', name: 'Umeå', before: c(27), after: c(10), changePercent: -63 },
    {
      role: 'neighbours',
      level: 'kommun',
      code: '2401,2404',
      name: 'grannkommunerna tillsammans',
      before: c(3),
      after: c(3),
      changePercent: null,
    },
    { role: 'compare', level: 'kommun', code: '0180', name: 'Stockholm', before: c(60), after: c(82), changePercent: 37 },
  ],
  summarySv: 'I Umeå minskade med 63 %, från i snitt 27 till 10 aktiva köparkonton i veckan. I Stockholm ökade med 37 %.',
  summaryEn: '',
  threshold: 5,
};

describe('the demand section of the PDF report', () => {
  it('renders to a PDF whose pages show the text, the figure with its events, and "<5"', async () => {
    const pdf = await renderDemandReport({ trend, displacement, generatedAt: new Date('2026-05-25T08:00:00Z') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'fyren-demand-pdf-'));
    writeFileSync(join(dir, 'demand.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'demand.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Efterfrågan – köpsidan i Umeå');
    expect(text).toContain('Förflyttning efter ”Insats mot sexköp i Umeå”');
    expect(text).toContain('I Umeå minskade med 63 %');
    expect(text).toContain('<5');
    expect(text).toContain('+37 %');
    expect(text).toMatch(/1\s+Insats mot sexköp i Umeå \(Umeå, 2026-03-10\)/);
    expect(text).not.toMatch(/[\uFFFD]/);

    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'demand.pdf'), join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page-1.png'));
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBeGreaterThan(400);
    let blue = 0;
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (b > 120 && r < 60 && g < 120) blue += 1; // #08519c, the demand line
      if (r > 140 && g < 60 && b < 80) red += 1; // #b00020, the event markers
    }
    expect(blue).toBeGreaterThan(100);
    expect(red).toBeGreaterThan(50);
  });
});
