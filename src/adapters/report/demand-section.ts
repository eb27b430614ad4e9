/**
 * The demand section of the PDF report for politicians (issue #9), as a module the main report
 * plugs in: `renderDemandSection(doc, data)` writes the section into a pdfkit document at the
 * current position, in plain Swedish: what was counted, the trend figure (demand, supply and
 * probes on one time axis with the events marked), the last weeks as a table, what the län-only
 * accounts mean, the displacement around an event, and how small counts and privacy are handled.
 *
 * `renderDemandReport(data)` makes a standalone PDF of the section (`fyren report demand`,
 * GET /api/demand/report.pdf). Every count arrives suppressed; nothing here can show a pseudonym.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { DemandTrendDto, DisplacementDto } from '../../contracts/demand';
import { renderTrendFigure, TREND_TEXTS_SV } from '../../core/demand/trend-figure';

/** What the section shows. */
export interface DemandReportData {
  trend: DemandTrendDto;
  /** The displacement around one event, or null when no event was chosen or exists. */
  displacement: DisplacementDto | null;
  /** When the figures were taken (for the footnote). */
  generatedAt: Date;
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

function heading(doc: PDFKit.PDFDocument, text: string, size: number) {
  // A heading never ends a page: it keeps at least a few lines of what follows.
  ensureSpace(doc, 90);
  doc.moveDown(0.6).font(BOLD).fontSize(size).fillColor('#000000').text(text).font(FONT).fontSize(10.5).moveDown(0.3);
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** A simple table: header row and rows of text cells; widths in points. */
function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], widths: number[]) {
  const x0 = doc.page.margins.left;
  const rowH = 16;
  ensureSpace(doc, rowH * Math.min(rows.length + 1, 6));
  const drawRow = (cells: string[], isHeader: boolean) => {
    ensureSpace(doc, rowH);
    const y = doc.y;
    let x = x0;
    doc.font(isHeader ? BOLD : FONT).fontSize(9.5);
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y + 3, { width: widths[i]! - 4, align: i === 0 ? 'left' : 'right', lineBreak: false });
      x += widths[i]!;
    });
    doc
      .moveTo(x0, y + rowH)
      .lineTo(x, y + rowH)
      .lineWidth(isHeader ? 0.8 : 0.3)
      .strokeColor('#888888')
      .stroke();
    doc.x = x0;
    doc.y = y + rowH;
  };
  drawRow(header, true);
  for (const r of rows) drawRow(r, false);
  doc.font(FONT).fontSize(10.5).moveDown(0.5);
}

const pct = (p: number | null) => (p === null ? '–' : `${p > 0 ? '+' : ''}${p} %`);

/** Writes the demand section into `doc` at the current position. */
export function renderDemandSection(doc: PDFKit.PDFDocument, data: DemandReportData): void {
  const { trend, displacement } = data;
  const x0 = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.x = x0;
  heading(doc, `Efterfrågan – köpsidan i ${trend.area.name}`, 16);
  doc.text(
    'Fyren räknar konton på köpsidan: medlemmar på kontaktforum för sexköp och ”sugar daddy”-profiler på sugardejtingsajter. ' +
      'Vi räknar hur många konton som var aktiva varje vecka, per kommun, län och polisregion. Ett konto som finns på två sajter räknas en gång. ' +
      'Fyren sparar inga användarnamn, profiltexter eller bilder – bara siffror.',
    { width },
  );
  // The last whole week: the week that holds today is not over, and part of a week is not a fall.
  const last = [...trend.weeks].reverse().find((w) => !w.isIncomplete && !w.distinct.isSuppressed);
  if (last) {
    doc
      .moveDown(0.4)
      .text(
        `Senaste veckan med redovisningsbara tal (vecka som börjar ${last.week}): ${last.distinct.display} unika aktiva köparkonton, ` +
          `${last.new.display} nya och ${last.gone.display} som inte längre var aktiva.`,
        { width },
      );
  }
  // The figure.
  // Drawn at the text width in points (1 SVG unit = 1 pt), so nothing is scaled.
  const svg = renderTrendFigure(trend, TREND_TEXTS_SV, Math.floor(width));
  const h = Number(/height="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 500);
  ensureSpace(doc, h + 10);
  const y = doc.y + 6;
  SVGtoPDF(doc, svg, x0, y, { width: Math.floor(width), height: h, assumePt: true });
  doc.x = x0;
  doc.y = y + h + 6;
  // The last eight weeks as a table.
  heading(doc, 'De senaste veckorna', 12);
  const weeks = trend.weeks.slice(-8);
  table(
    doc,
    ['Vecka (måndag)', 'Aktiva köparkonton', 'Nya', 'Slutat', 'Profiler', 'Svar/timme (prov)'],
    weeks.map((w) => [
      w.isIncomplete ? `${w.week} (pågår)` : w.week,
      w.distinct.display,
      w.new.display,
      w.gone.display,
      w.profiles.display,
      w.repliesPerHour === null ? '–' : String(w.repliesPerHour).replace('.', ','),
    ]),
    [100, 95, 60, 60, 75, width - 390],
  );
  if (trend.area.level !== 'kommun') {
    doc.text(
      `Konton som bara anger län räknas i länet och polisregionen men inte i någon kommun: ${trend.lanOnlyNote.lanOnlyAccounts.display} sådana konton var aktiva under perioden. ` +
        (trend.area.level === 'land' ? `${trend.lanOnlyNote.noPlaceAccounts.display} aktiva konton angav ingen ort alls.` : ''),
      { width },
    );
  } else {
    doc.text('Konton som bara anger län räknas i länet och polisregionen, inte i kommunen. Kommunens tal kan därför vara för låga.', {
      width,
    });
  }
  if (trend.probes.length) {
    const p = trend.probes[0]!;
    doc
      .moveDown(0.4)
      .text(
        `Efterfrågeprov: ${trend.probes.length} mätningar i perioden. Senaste: ${p.startedAt.slice(0, 10)} på ${p.site} (${p.areaName}), ` +
          `profil ”${p.profileDescription}” – ${p.repliesFirstHour} svar första timmen och ${p.repliesTotal} totalt. Fyren lägger aldrig ut profiler själv.`,
        { width },
      );
  }
  if (displacement) {
    heading(doc, `Förflyttning efter ”${displacement.event.title}”`, 12);
    doc.text(displacement.summarySv, { width }).moveDown(0.3);
    table(
      doc,
      ['Område', `Före (${displacement.weeks} v)`, `Efter (${displacement.weeks} v)`, 'Förändring'],
      displacement.rows
        .filter((r) => r.role !== 'neighbour')
        .map((r) => [r.role === 'event' ? `${r.name} (händelsen)` : r.name, r.before.display, r.after.display, pct(r.changePercent)]),
      [200, 100, 100, width - 400],
    );
  }
  doc
    .moveDown(0.4)
    .fontSize(8.5)
    .fillColor('#444444')
    .text(
      `Tal under ${trend.threshold} visas som ”<${trend.threshold}” så att ingen kan pekas ut. Siffrorna är räknade konton, inte personer: en person kan ha flera konton med olika namn. ` +
        `Att utreda enskilda köpare är polisens uppgift enligt polisens egna dataregler och görs inte i Fyren. ` +
        `${trend.hasDemo ? 'Underlaget innehåller DEMO-data (påhittade konton). ' : ''}Uttaget ${data.generatedAt.toISOString().slice(0, 10)}.`,
      { width },
    )
    .fillColor('#000000')
    .fontSize(10.5);
}

/** A standalone PDF with only the demand section. */
export async function renderDemandReport(data: DemandReportData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Efterfrågan – ${data.trend.area.name}`, Author: 'Fyren' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(BOLD).fontSize(20).text('Fyren – lägesbild');
  renderDemandSection(doc, data);
  doc.end();
  return done;
}
