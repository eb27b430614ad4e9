// @vitest-environment jsdom
// jsdom's DOMParser is a strict XML parser: it reports any well-formedness error as <parsererror>.
import { describe, expect, it } from 'vitest';
import { buildMapModel } from './map-model';
import { renderMapSvg } from './render-svg';

function parse(svg: string): Document {
  return new DOMParser().parseFromString(svg, 'image/svg+xml');
}
const parseErrors = (doc: Document) => doc.getElementsByTagName('parsererror').length;

const values = new Map<string, number | null>([
  ['0180', 120],
  ['2480', 12],
  ['2584', null],
]);
const flows = [{ from: '2480', to: '0180', count: 7 }];

describe('renderMapSvg', () => {
  it('the XML check fails on a broken document', () => {
    expect(parseErrors(parse('<svg xmlns="http://www.w3.org/2000/svg"><title>a & b</title></svg>'))).toBe(1);
  });

  it('writes a well-formed, self-contained SVG image with title, description and a tooltip per kommun', () => {
    const model = buildMapModel({ mode: 'choropleth', values, flows, valueLabel: 'antal annonser' });
    const svg = renderMapSvg(model);
    const doc = parse(svg);
    expect(parseErrors(doc)).toBe(0);
    const root = doc.documentElement;
    expect(root.nodeName).toBe('svg');
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('lang')).toBe('sv');
    const [titleId, descId] = root.getAttribute('aria-labelledby')!.split(' ');
    expect(doc.getElementById(titleId!)?.textContent).toBe('Antal annonser per kommun');
    expect(doc.getElementById(descId!)?.textContent).toBe(model.description);
    expect(root.firstElementChild?.nodeName).toBe('title');
    const tips = [...doc.getElementsByTagName('title')].map((t) => t.textContent);
    expect(tips).toContain('Umeå: 12');
    expect(tips).toContain('Kiruna: <5');
    expect(tips).toContain('Umeå → Stockholm: 7');
    // 290 kommuner, the flow, and the document title.
    expect(tips.length).toBe(292);
    // No external references: only the SVG namespace and fragment references.
    expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|href=|<image|<script|<style|@import|<foreignObject/);
    expect([...svg.matchAll(/url\(([^)]*)\)/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
  });

  it('draws the legend with every class, the hatch for suppressed values and the flow key', () => {
    const model = buildMapModel({ mode: 'choropleth', values, flows });
    const texts = [...parse(renderMapSvg(model)).getElementsByTagName('text')].map((t) => t.textContent ?? '');
    expect(texts[0]).toBe('Teckenförklaring');
    for (const b of model.legend.buckets) expect(texts).toContain(b.label);
    expect(texts.join(' ')).toContain('Färre än 5 (visas inte)');
    expect(texts.join(' ')).toContain('Inga uppgifter');
    expect(texts.join(' ')).toContain('Flöde mellan');
  });

  it('escapes text, honours the title, language and id options', () => {
    const model = buildMapModel({ mode: 'symbols', values, lang: 'en' });
    const svg = renderMapSvg(model, { title: 'Ads < 5 & "more"', idPrefix: 'report-1', width: 300 });
    const doc = parse(svg);
    expect(parseErrors(doc)).toBe(0);
    expect(doc.getElementById('report-1-title')?.textContent).toBe('Ads < 5 & "more"');
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.documentElement.getAttribute('width')).toBe('300');
    expect(doc.getElementsByTagName('text')[0]?.textContent).toBe('Legend');
    expect(doc.getElementsByTagName('circle').length).toBeGreaterThanOrEqual(2);
  });

  it('draws a zoomed view with the focus area outlined and the rest faded', () => {
    const model = buildMapModel({ mode: 'choropleth', values, focus: '24' });
    const doc = parse(renderMapSvg(model));
    const inner = doc.documentElement.getElementsByTagName('svg')[0]!;
    const v = model.viewBox;
    expect(inner.getAttribute('viewBox')).toBe(`${v.x} ${v.y} ${v.width} ${v.height}`);
    const faded = [...doc.getElementsByTagName('g')].find((g) => g.getAttribute('opacity'));
    expect(faded?.getElementsByTagName('path').length).toBe(290 - 15);
  });
});
