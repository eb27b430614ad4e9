/**
 * The kartläggning report for politicians as a PDF (pdfkit; charts and the map drawn as vectors
 * with svg-to-pdfkit). The report is an ordered list of sections over one pdfkit document: each
 * section draws itself from the shared ReportContext. Other modules plug in their own section
 * (outreach statistics, the demand side) without touching these:
 *
 *   const sections = insertSection(KARTLAGGNING_SECTIONS, 'indicators', outreachSection);
 *   await renderReportPdf({ ...input, extras: { outreach: figures } }, sections);
 *
 * Every figure comes from a PublishedDashboard, so every count is already suppressed.
 * Built-in Helvetica is used (WinAnsi covers å ä ö é); text is kept to characters it covers.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { buildMapModel, renderMapSvg } from '../../core/geo';
import type { PublishedDashboard } from '../../core/stats/dashboard';
import { methodText, periodText, summaryText, type MappingMethod } from '../../core/stats/method';
import { dashboardTables, statLabel, type StatTable } from '../../core/stats/tables';
import { weeklyTrendSvg } from './charts';

export type ReportLang = 'sv' | 'en';

export interface ReportInput {
  dashboard: PublishedDashboard;
  method: MappingMethod;
  lang: ReportLang;
  generatedAt: Date;
  /** Shown on the title page when the report is a frozen mapping. */
  mapping?: { id: string; title: string; contentHash: string; createdAt: string } | null;
  /** Data for plugged-in sections, by section key (e.g. { outreach: … }). */
  extras?: Readonly<Record<string, unknown>>;
}

/** What every section gets: the document, the input, the tables and layout helpers. */
export interface ReportContext extends ReportInput {
  doc: PDFKit.PDFDocument;
  tables: StatTable[];
  /** Starts a section on the current page if `minHeight` points fit, else on a new page, with a heading. */
  heading(text: string, minHeight?: number): void;
  /** Draws a table; the widths are shares of the text width. */
  table(table: Pick<StatTable, 'header' | 'rows'>, widths?: readonly number[]): void;
  /** Draws an SVG string as vectors at the current position, `width` points wide. */
  svg(svg: string, width: number, height: number): void;
  paragraph(text: string): void;
}

/** One section of the report. */
export interface ReportSection {
  key: string;
  render(ctx: ReportContext): void | Promise<void>;
}

const MARGIN = 56;
const T = {
  sv: {
    title: 'Kartläggning av sex mot ersättning på nätet',
    summary: 'Sammanfattning',
    keyFigures: 'Nyckeltal',
    trends: 'Utveckling vecka för vecka',
    trendAds: 'Aktiva annonser och unika profiler per vecka',
    trendProfiles: 'Nya och inresta profiler per vecka',
    map: 'Karta',
    mapText: 'Unika profiler per kommun under perioden. Pilar visar flöden mellan kommuner (profiler som flyttat sina annonser).',
    indicators: 'Tecken på utnyttjande',
    comparison: 'Jämförelse',
    comparisonText: 'Samma period förra året och andra områden under samma period.',
    kommuner: 'Per kommun',
    flows: 'Flöden mellan kommuner',
    method: 'Metod',
    suppression: 'Små tal',
    suppressionText: (t: number) =>
      `Antal under ${t} visas som "<${t}" och andelar byggda på sådana tal visas inte, så att ingen person i en liten kommun kan pekas ut. Annonser och profiler på individnivå finns bara i Fyrens kartläggningsmodul, bakom behörighetskontroll.`,
    generated: (d: string) => `Framställd ${d} med Fyren.`,
    mapping: (title: string, hash: string, at: string) => `Fryst kartläggning "${title}", skapad ${at}. Innehållshash (SHA-256): ${hash}`,
    area: 'Område',
    period: 'Period',
    noWeeks: 'Inga veckor med data i perioden.',
    week: 'Vecka',
    none: 'Inga uppgifter.',
    page: (n: number, of: number) => `Sida ${n} av ${of}`,
  },
  en: {
    title: 'Mapping of sex for compensation online',
    summary: 'Summary',
    keyFigures: 'Key figures',
    trends: 'Week by week',
    trendAds: 'Active ads and unique profiles per week',
    trendProfiles: 'New and travelling profiles per week',
    map: 'Map',
    mapText: 'Unique profiles per municipality in the period. Arrows show flows between municipalities (profiles that moved their ads).',
    indicators: 'Signs of exploitation',
    comparison: 'Comparison',
    comparisonText: 'The same period last year, and other areas in the same period.',
    kommuner: 'By municipality',
    flows: 'Flows between municipalities',
    method: 'Method',
    suppression: 'Small counts',
    suppressionText: (t: number) =>
      `Counts below ${t} are shown as "<${t}" and shares built on them are withheld, so that no one in a small municipality can be singled out. Ads and profiles are only available in Fyren's mapping module, behind access control.`,
    generated: (d: string) => `Produced ${d} with Fyren.`,
    mapping: (title: string, hash: string, at: string) => `Frozen mapping "${title}", created ${at}. Content hash (SHA-256): ${hash}`,
    area: 'Area',
    period: 'Period',
    noWeeks: 'No weeks with data in the period.',
    week: 'Week',
    none: 'No data.',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
} as const;

/** Replaces characters Helvetica's WinAnsi encoding lacks. */
export function winAnsi(s: string): string {
  return s
    .replace(/[→⟶]/g, '->')
    .replace(/[≥]/g, '>=')
    .replace(/[≤]/g, '<=')
    .replace(/[\u2009\u202f]/g, ' ')
    .replace(/[^\u0000-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac]/g, '?');
}

const tableOf = (ctx: ReportContext, key: StatTable['key']): StatTable => ctx.tables.find((t) => t.key === key)!;

export const titleSection: ReportSection = {
  key: 'title',
  render(ctx) {
    const { doc, dashboard: d } = ctx;
    const t = T[ctx.lang];
    doc.moveDown(6);
    doc.font('Helvetica-Bold').fontSize(24).fillColor('#08306b').text(winAnsi(t.title), { align: 'left' });
    doc.moveDown(1);
    doc.font('Helvetica').fontSize(16).fillColor('#000').text(winAnsi(d.area.name));
    doc.fontSize(13).text(winAnsi(periodText(d.period, ctx.lang)));
    doc.moveDown(2);
    doc
      .fontSize(10)
      .fillColor('#333')
      .text(winAnsi(t.generated(ctx.generatedAt.toISOString().slice(0, 10))));
    if (ctx.mapping)
      doc.moveDown(0.5).text(winAnsi(t.mapping(ctx.mapping.title, ctx.mapping.contentHash, ctx.mapping.createdAt.slice(0, 10))));
    doc.fillColor('#000');
  },
};

export const summarySection: ReportSection = {
  key: 'summary',
  render(ctx) {
    ctx.doc.addPage();
    ctx.heading(T[ctx.lang].summary);
    for (const p of summaryText(ctx.dashboard, ctx.lang)) ctx.paragraph(p);
  },
};

export const keyFiguresSection: ReportSection = {
  key: 'keyFigures',
  render(ctx) {
    ctx.heading(T[ctx.lang].keyFigures, 200);
    ctx.table(tableOf(ctx, 'nyckeltal'), [0.36, 0.32, 0.32]);
  },
};

export const trendsSection: ReportSection = {
  key: 'trends',
  render(ctx) {
    const t = T[ctx.lang];
    const d = ctx.dashboard;
    ctx.doc.addPage();
    ctx.heading(t.trends);
    if (d.weeks.length === 0) {
      ctx.paragraph(t.noWeeks);
      return;
    }
    const width = ctx.doc.page.width - 2 * MARGIN;
    const chart = (title: string, keys: ('ads' | 'profiles' | 'newProfiles' | 'inresta')[]) => {
      ctx.doc.font('Helvetica-Bold').fontSize(11).text(winAnsi(title));
      ctx.doc.font('Helvetica').fontSize(10);
      const svg = weeklyTrendSvg(
        keys.map((k) => ({
          label: statLabel(k, ctx.lang),
          points: d.weeks.map((w) => ({ week: w.week, value: w[k].value, isIncomplete: w.isIncomplete === true })),
        })),
        { width: 480, height: 220, yLabel: '', lang: ctx.lang },
      );
      const legend = keys.map((k) => statLabel(k, ctx.lang)).join('  /  ');
      ctx.svg(svg, width, (width * 220) / 480);
      ctx.doc
        .fontSize(9)
        .fillColor('#444')
        .text(winAnsi(`${legend} (${ctx.lang === 'sv' ? 'blå, orange' : 'blue, orange'})`));
      ctx.doc.fillColor('#000').moveDown(1);
    };
    chart(t.trendAds, ['ads', 'profiles']);
    chart(t.trendProfiles, ['newProfiles', 'inresta']);
    ctx.heading(tableOf(ctx, 'veckor').title, 120);
    ctx.table(tableOf(ctx, 'veckor'), [0.3, 0.14, 0.14, 0.14, 0.14, 0.14]);
  },
};

export const mapSection: ReportSection = {
  key: 'map',
  render(ctx) {
    const t = T[ctx.lang];
    const d = ctx.dashboard;
    ctx.doc.addPage();
    ctx.heading(t.map);
    ctx.paragraph(t.mapText);
    const values = new Map<string, number | null>(d.kommuner.map((k) => [k.code, k.profiles.value]));
    const model = buildMapModel({
      values,
      mode: d.area.kind === 'kommun' ? 'symbols' : 'choropleth',
      flows: d.flows.map((f) => ({ from: f.from, to: f.to, count: f.profiles.value ?? 0 })),
      focus: d.area.id,
      lang: ctx.lang,
      valueLabel: ctx.lang === 'sv' ? 'unika profiler' : 'unique profiles',
      suppressionThreshold: d.threshold,
      suppressedTexts: new Map(d.kommuner.filter((k) => k.profiles.isSuppressed).map((k) => [k.code, k.profiles.display])),
    });
    const svg = renderMapSvg(model, { lang: ctx.lang, idPrefix: 'report-map' });
    const vb = /viewBox="([\d.\s-]+)"/.exec(svg)?.[1]?.split(/\s+/).map(Number) ?? [0, 0, 600, 900];
    const maxW = ctx.doc.page.width - 2 * MARGIN;
    const maxH = ctx.doc.page.height - ctx.doc.y - MARGIN - 40;
    const ratio = (vb[3] ?? 900) / (vb[2] ?? 600);
    const w = Math.min(maxW, maxH / ratio);
    ctx.svg(svg, w, w * ratio);
    ctx.doc.fontSize(9).fillColor('#444').text(winAnsi(model.description), MARGIN, ctx.doc.y, { width: maxW });
    ctx.doc.fillColor('#000').fontSize(10);
  },
};

export const indicatorsSection: ReportSection = {
  key: 'indicators',
  render(ctx) {
    ctx.doc.addPage();
    ctx.heading(T[ctx.lang].indicators);
    const table = tableOf(ctx, 'indikatorer');
    if (table.rows.length === 0) ctx.paragraph(T[ctx.lang].none);
    else ctx.table(table, [0.6, 0.2, 0.2]);
  },
};

export const comparisonSection: ReportSection = {
  key: 'comparison',
  render(ctx) {
    const t = T[ctx.lang];
    ctx.heading(t.comparison, 200);
    ctx.paragraph(t.comparisonText);
    // Transposed: one column per area and period, one row per figure, so it fits the page.
    const table = tableOf(ctx, 'jamforelse');
    const header = [ctx.lang === 'sv' ? 'Mått' : 'Figure', ...table.rows.map((r) => `${r[0]}, ${r[1]}`)];
    const rows = table.header.slice(2).map((label, i) => [label, ...table.rows.map((r) => r[i + 2] ?? '')]);
    const n = header.length;
    ctx.table({ header, rows }, [0.3, ...Array.from({ length: n - 1 }, () => 0.7 / (n - 1))]);
  },
};

export const kommunerSection: ReportSection = {
  key: 'kommuner',
  render(ctx) {
    const t = T[ctx.lang];
    ctx.heading(t.kommuner, 160);
    ctx.table(tableOf(ctx, 'kommuner'), [0.12, 0.34, 0.18, 0.18, 0.18]);
    const flows = tableOf(ctx, 'floden');
    if (flows.rows.length > 0) {
      ctx.heading(t.flows, 120);
      ctx.table(flows, [0.4, 0.4, 0.2]);
    }
  },
};

export const methodSection: ReportSection = {
  key: 'method',
  render(ctx) {
    ctx.doc.addPage();
    ctx.heading(T[ctx.lang].method);
    for (const p of methodText(ctx.method, ctx.lang)) ctx.paragraph(p);
  },
};

export const suppressionSection: ReportSection = {
  key: 'suppression',
  render(ctx) {
    ctx.heading(T[ctx.lang].suppression, 100);
    ctx.paragraph(T[ctx.lang].suppressionText(ctx.dashboard.threshold));
  },
};

/** The report's sections in order. */
export const KARTLAGGNING_SECTIONS: readonly ReportSection[] = [
  titleSection,
  summarySection,
  keyFiguresSection,
  trendsSection,
  mapSection,
  indicatorsSection,
  comparisonSection,
  kommunerSection,
  methodSection,
  suppressionSection,
];

/** A copy of `sections` with `section` inserted after the section with key `after` (at the end when absent). */
export function insertSection(sections: readonly ReportSection[], after: string, section: ReportSection): ReportSection[] {
  const i = sections.findIndex((s) => s.key === after);
  const out = [...sections];
  out.splice(i === -1 ? out.length : i + 1, 0, section);
  return out;
}

/** Renders the report; resolves to the PDF bytes. */
export async function renderReportPdf(input: ReportInput, sections: readonly ReportSection[] = KARTLAGGNING_SECTIONS): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: winAnsi(`${T[input.lang].title}: ${input.dashboard.area.name} ${input.dashboard.period.from} - ${input.dashboard.period.to}`),
      Author: 'Fyren',
      CreationDate: input.generatedAt,
    },
    lang: input.lang === 'sv' ? 'sv-SE' : 'en-GB',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const textWidth = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const ctx: ReportContext = {
    ...input,
    doc,
    tables: dashboardTables(input.dashboard, input.lang),
    heading(text, minHeight = 60) {
      if (doc.y + minHeight > bottom()) doc.addPage();
      else if (doc.y > MARGIN + 1) doc.moveDown(1);
      doc.font('Helvetica-Bold').fontSize(15).fillColor('#08306b').text(winAnsi(text), MARGIN, doc.y, { width: textWidth });
      doc.moveDown(0.5).font('Helvetica').fontSize(10).fillColor('#000');
    },
    paragraph(text) {
      doc.font('Helvetica').fontSize(11).fillColor('#000').text(winAnsi(text), MARGIN, doc.y, { width: textWidth, lineGap: 2 });
      doc.moveDown(0.6);
    },
    table(table, widths) {
      const n = table.header.length;
      const ws = (widths ?? Array.from({ length: n }, () => 1 / n)).map((w) => w * textWidth);
      const row = (cells: readonly string[], isHeader: boolean) => {
        doc.font(isHeader ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
        const heights = cells.map((c, i) => doc.heightOfString(winAnsi(c), { width: (ws[i] ?? 60) - 6 }));
        const h = Math.max(...heights, 10) + 6;
        if (doc.y + h > bottom()) doc.addPage();
        const y = doc.y;
        if (isHeader) doc.rect(MARGIN, y, textWidth, h).fill('#deebf7').fillColor('#000');
        let x = MARGIN;
        cells.forEach((c, i) => {
          doc.text(winAnsi(c), x + 3, y + 3, { width: (ws[i] ?? 60) - 6, align: i === 0 ? 'left' : 'right' });
          x += ws[i] ?? 60;
        });
        doc
          .moveTo(MARGIN, y + h)
          .lineTo(MARGIN + textWidth, y + h)
          .lineWidth(0.5)
          .strokeColor('#bdbdbd')
          .stroke();
        doc.x = MARGIN;
        doc.y = y + h;
      };
      row(table.header, true);
      for (const r of table.rows) row(r, false);
      doc.moveDown(0.5);
    },
    svg(svg, width, height) {
      if (doc.y + height > bottom()) doc.addPage();
      const y = doc.y;
      SVGtoPDF(doc, svg, MARGIN, y, { width, height, preserveAspectRatio: 'xMidYMid meet', fontCallback: () => 'Helvetica' });
      doc.x = MARGIN;
      doc.y = y + height + 6;
    },
  };
  for (const s of sections) await s.render(ctx);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (i === 0) continue;
    const text = winAnsi(
      `${input.dashboard.area.name}, ${input.dashboard.period.from} - ${input.dashboard.period.to}    ${T[input.lang].page(i + 1, range.count)}`,
    );
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#666')
      .text(text, MARGIN, doc.page.height - MARGIN + 16, { width: textWidth, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
  doc.end();
  return done;
}
