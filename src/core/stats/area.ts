/**
 * Areas of statistics: a kommun (code or name), a län (code or name) or a police region,
 * resolved to its kommuner. Names are matched without case or diacritics ("umea", "Västerbottens län").
 */
import { resolveFocus } from '../geo/areas';
import { KOMMUNER, LAN } from '../places/places.data';
import { DomainError } from '../shared/errors';
import type { DashboardArea } from './dashboard';

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Resolves what a user typed to an area. Throws VALIDATION_FAILED naming the input when it is
 * neither a kommun, a län nor a police region.
 */
export function resolveArea(input: string): DashboardArea {
  const text = input.trim();
  const wanted = fold(text);
  let id: string | undefined;
  if (/^\d{4}$/.test(text) || /^\d{2}$/.test(text)) id = text;
  else {
    const kommun = KOMMUNER.find((k) => fold(k.short) === wanted || fold(k.name) === wanted);
    const lan = LAN.find((l) => fold(l.name) === wanted || fold(l.short) === wanted || fold(`${l.short} län`) === wanted);
    id = kommun?.code ?? lan?.code ?? text;
  }
  try {
    const focus = resolveFocus(id);
    const name = focus.kind === 'kommun' ? (KOMMUNER.find((k) => k.code === focus.id)?.short ?? focus.name) : focus.name;
    return { kind: focus.kind, id: focus.id, name, kommunCodes: [...focus.kommunCodes].sort() };
  } catch {
    throw new DomainError(
      'VALIDATION_FAILED',
      `unknown area "${input}": give a kommun code or name (2480, Umeå), a län code or name (24, Västerbottens län) or a police region (Nord)`,
      { area: input },
    );
  }
}

/** Short name of a kommun, or its code when unknown. */
export function kommunName(code: string): string {
  return KOMMUNER.find((k) => k.code === code)?.short ?? code;
}

/** The text that resolves back to exactly this area ("2480", "24", "polisregion Stockholm"; a plain "Stockholm" is the kommun). */
export function areaRef(area: Pick<DashboardArea, 'kind' | 'id'>): string {
  return area.kind === 'polisregion' ? `polisregion ${area.id}` : area.id;
}
