/**
 * The one escape for text put into XML, SVG or HTML (the map and trend-chart SVGs, the demo
 * sites' pages, the synthetic pictures). `&#39;` rather than `&apos;`: it means the same in
 * XML and in every HTML version.
 */
const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ENTITIES[c] ?? c);
}
