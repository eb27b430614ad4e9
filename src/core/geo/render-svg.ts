/**
 * renderMapSvg(): the map model as one self-contained SVG string, for PDF reports and the server.
 * No external references: no fonts, images, stylesheets or scripts are loaded; patterns and markers
 * are defined inside the document.
 */
import { escapeXml } from '../shared/xml';
import { DIMMED_OPACITY, MAP_COLORS } from './palette';
import type { MapLang, MapModel, MapShape, MapViewBox } from './types';

export { escapeXml };

export interface RenderMapSvgOptions {
  /** Accessible name; default the model's title. */
  title?: string;
  /** Language of the document (lang attribute) and of the legend heading; default the model's language. */
  lang?: MapLang;
  /** Prefix of the ids inside the SVG, unique per document when several maps share one page. Default "fyren-map". */
  idPrefix?: string;
  /** Width attribute in px; the height follows the aspect ratio. Default: one px per outer unit (600 for the whole map). */
  width?: number;
}

/** The map area fits in 400 × 900 outer units (the whole map fills it); the legend panel is 200 wide. */
const MAP_WIDTH = 400;
const MAP_HEIGHT = 900;
const LEGEND_WIDTH = 200;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';

const LEGEND_HEADING: Record<MapLang, string> = { sv: 'Teckenförklaring', en: 'Legend' };

const vb = (v: MapViewBox): string => `${v.x} ${v.y} ${v.width} ${v.height}`;

/** Splits text into lines of at most `max` characters at spaces. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function shapePath(shape: MapShape, hatch: string): string {
  const fill = shape.fill === 'suppressed' ? `url(#${hatch})` : shape.color;
  return `<path d="${shape.d}" fill="${fill}"><title>${escapeXml(shape.label)}</title></path>`;
}

/**
 * Renders the model as an SVG document (a string starting with `<svg`): the map on the left (the
 * whole map is 400 × 900 units; a zoomed view keeps its own aspect ratio inside that box), the legend
 * on the right (200 units), role="img" with <title> and <desc>, a <title> tooltip on every kommun,
 * circle and arrow.
 */
export function renderMapSvg(model: MapModel, options: RenderMapSvgOptions = {}): string {
  const lang = options.lang ?? model.lang;
  const id = options.idPrefix ?? 'fyren-map';
  const ids = {
    title: `${id}-title`,
    desc: `${id}-desc`,
    hatch: `${id}-hatch`,
    legendHatch: `${id}-legend-hatch`,
    arrow: `${id}-arrow`,
    clip: `${id}-clip`,
  };
  const title = options.title ?? model.title;
  const v = model.viewBox;
  const fit = Math.min(MAP_WIDTH / v.width, MAP_HEIGHT / v.height);
  const mapWidth = Math.round(v.width * fit);
  const mapHeight = Math.round(v.height * fit);
  const legend = renderLegend(model, lang, mapWidth + 12, ids.legendHatch, ids.arrow);
  const outerWidth = mapWidth + LEGEND_WIDTH;
  const outerHeight = Math.max(mapHeight, legend.height);
  const width = options.width ?? outerWidth;
  const height = Math.round((width * outerHeight) / outerWidth);
  const s = model.strokes;
  const hatch = (patternId: string, size: number): string =>
    `<pattern id="${patternId}" patternUnits="userSpaceOnUse" width="${size}" height="${size}" patternTransform="rotate(45)">` +
    `<rect width="${size}" height="${size}" fill="${MAP_COLORS.hatchGround}"/>` +
    `<line x1="0" y1="0" x2="0" y2="${size}" stroke="${MAP_COLORS.hatchLine}" stroke-width="${round2(size * 0.35)}"/></pattern>`;
  const out: string[] = [];

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${outerWidth} ${outerHeight}" width="${width}" height="${height}" role="img" aria-labelledby="${ids.title} ${ids.desc}" lang="${lang}" font-family="${FONT}">`,
    `<title id="${ids.title}">${escapeXml(title)}</title>`,
    `<desc id="${ids.desc}">${escapeXml(model.description)}</desc>`,
    '<defs>',
    hatch(ids.hatch, s.hatch),
    hatch(ids.legendHatch, 5),
    `<marker id="${ids.arrow}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="3" markerHeight="3" markerUnits="strokeWidth" orient="auto">` +
      `<path d="M0 0L10 5L0 10z" fill="${MAP_COLORS.flow}"/></marker>`,
    `<clipPath id="${ids.clip}"><rect x="${v.x}" y="${v.y}" width="${v.width}" height="${v.height}"/></clipPath>`,
    '</defs>',
    `<rect width="${outerWidth}" height="${outerHeight}" fill="${MAP_COLORS.background}"/>`,
    `<svg x="0" y="0" width="${mapWidth}" height="${mapHeight}" viewBox="${vb(v)}" preserveAspectRatio="xMidYMid meet">`,
    `<g clip-path="url(#${ids.clip})">`,
  );

  const common = `stroke="${MAP_COLORS.kommunStroke}" stroke-width="${s.kommun}" stroke-linejoin="round" fill-rule="evenodd"`;
  const dimmed = model.shapes.filter((x) => x.isDimmed);
  const shown = model.shapes.filter((x) => !x.isDimmed);
  if (dimmed.length) out.push(`<g opacity="${DIMMED_OPACITY}" ${common}>${dimmed.map((x) => shapePath(x, ids.hatch)).join('')}</g>`);
  out.push(`<g ${common}>${shown.map((x) => shapePath(x, ids.hatch)).join('')}</g>`);
  out.push(
    `<g fill="none" stroke="${MAP_COLORS.lanStroke}" stroke-width="${s.lan}" stroke-linejoin="round">${model.lans
      .map((l) => `<path d="${l.d}"/>`)
      .join('')}</g>`,
  );
  if (model.focus) {
    out.push(
      `<g fill="none" stroke="${MAP_COLORS.lanStroke}" stroke-width="${s.focus}" stroke-linejoin="round">${model.focus.outlines
        .map((d) => `<path d="${d}"/>`)
        .join('')}</g>`,
    );
  }
  if (model.symbols.length) {
    out.push(
      `<g fill="${MAP_COLORS.symbolFill}" fill-opacity="0.75" stroke="${MAP_COLORS.symbolStroke}" stroke-width="${s.symbol}">${model.symbols
        .map(
          (c) =>
            `<circle cx="${c.cx}" cy="${c.cy}" r="${c.r}"${c.isDimmed ? ` opacity="${DIMMED_OPACITY}"` : ''}><title>${escapeXml(c.label)}</title></circle>`,
        )
        .join('')}</g>`,
    );
  }
  if (model.flows.length) {
    out.push(
      `<g fill="none" stroke="${MAP_COLORS.flow}" stroke-linecap="round" stroke-opacity="0.9">${model.flows
        .map(
          (f) => `<path d="${f.d}" stroke-width="${f.width}" marker-end="url(#${ids.arrow})"><title>${escapeXml(f.label)}</title></path>`,
        )
        .join('')}</g>`,
    );
  }
  out.push('</g></svg>', legend.markup, '</svg>');
  return out.join('');
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function renderLegend(model: MapModel, lang: MapLang, x: number, hatchId: string, arrowId: string): { markup: string; height: number } {
  const maxR = Math.max(0, ...model.legend.symbols.map((c) => c.r));
  const textX = x + Math.max(26, 2 * maxR + 10);
  const maxChars = Math.floor((LEGEND_WIDTH - 12 - (textX - x)) / 6.5);
  const rows: string[] = [];
  let y = 24;
  const text = (content: string, tx: number, ty: number, size = 12, weight = 'normal'): string =>
    `<text x="${tx}" y="${ty}" font-size="${size}" font-weight="${weight}" fill="${MAP_COLORS.text}">${escapeXml(content)}</text>`;
  /** A label beside a key centred on `y`; moves y down past the row (at least `keyHeight`). */
  const label = (content: string, keyHeight = 14): void => {
    const lines = wrap(content, maxChars);
    lines.forEach((line, i) => rows.push(text(line, textX, y + 4 + i * 15)));
    y += Math.max(keyHeight, (lines.length - 1) * 15 + 14) + 8;
  };
  const swatch = (fill: string): string =>
    `<rect x="${x}" y="${y - 7}" width="18" height="14" fill="${fill}" stroke="${MAP_COLORS.kommunStroke}" stroke-width="1"/>`;

  rows.push(text(LEGEND_HEADING[lang], x, y, 14, 'bold'));
  y += 22;
  for (const line of wrap(model.legend.title, Math.floor((LEGEND_WIDTH - 12) / 6.5))) {
    rows.push(text(line, x, y));
    y += 16;
  }
  y += 12;
  for (const b of model.legend.buckets) {
    rows.push(swatch(b.color));
    label(b.label);
  }
  for (const c of model.legend.symbols) {
    y += Math.max(0, c.r - 7);
    rows.push(
      `<circle cx="${x + maxR}" cy="${y}" r="${c.r}" fill="${MAP_COLORS.symbolFill}" fill-opacity="0.75" stroke="${MAP_COLORS.symbolStroke}" stroke-width="0.5"/>`,
    );
    label(c.label, Math.max(14, c.r + 7));
  }
  if (model.legend.suppressed) {
    rows.push(swatch(`url(#${hatchId})`));
    label(model.legend.suppressed.label);
  }
  if (model.legend.none) {
    rows.push(swatch(MAP_COLORS.none));
    label(model.legend.none.label);
  }
  if (model.legend.flows) {
    const f = model.legend.flows;
    rows.push(
      `<path d="M${x} ${y}L${x + 13} ${y}" stroke="${MAP_COLORS.flow}" stroke-width="2.5" marker-end="url(#${arrowId})" fill="none"/>`,
    );
    label(f.label);
  }
  return { markup: `<g>${rows.join('')}</g>`, height: y + 4 };
}
