/**
 * What Fyren keeps of a buyer-side account, and how it reads the account's stated details:
 * the stated place at its level (town or kommun → kommun; a län alone → län only; nothing),
 * the age as a ten-year band, ISO weeks, and the keyed pseudonym that replaces the handle.
 *
 * Counting, not registering (docs/privacy.md): the handle is turned into an HMAC with the
 * installation's secret and thrown away; no username, profile text or photo is kept.
 */
import { createHmac } from 'node:crypto';
import { findPlaceMentions, foldPlaceName, KOMMUNER, LAN } from '../places';
import type { PoliceRegion } from '../places';

/** The level an account states its place at. */
export const PLACE_LEVELS = ['town', 'kommun', 'lan', 'none'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/** Where an account says it is, resolved to codes. */
export interface StatedPlace {
  level: PlaceLevel;
  /** SCB kommun code, only for the town and kommun levels. */
  kommunCode: string | null;
  /** Two-digit län code (also for the town and kommun levels). */
  lanCode: string | null;
  policeRegion: PoliceRegion | null;
}

const NO_PLACE: StatedPlace = { level: 'none', kommunCode: null, lanCode: null, policeRegion: null };

const LAN_NAMES = new Map<string, (typeof LAN)[number]>();
for (const l of LAN) {
  LAN_NAMES.set(foldPlaceName(l.name), l);
  LAN_NAMES.set(foldPlaceName(`${l.short} län`), l);
  LAN_NAMES.set(foldPlaceName(`${l.short}s län`), l);
}
/** Short län names that are not also a kommun name ("Västerbotten", not "Stockholm"). */
const KOMMUN_SHORT = new Set(KOMMUNER.map((k) => foldPlaceName(k.short)));
for (const l of LAN) if (!KOMMUN_SHORT.has(foldPlaceName(l.short))) LAN_NAMES.set(foldPlaceName(l.short), l);
const LAN_BY_CODE = new Map(LAN.map((l) => [l.code, l]));
const KOMMUN_NAMES = new Map(KOMMUNER.flatMap((k) => [[foldPlaceName(k.short), k] as const, [foldPlaceName(k.name), k] as const]));

function lanOfText(text: string): (typeof LAN)[number] | undefined {
  return LAN_NAMES.get(foldPlaceName(text.trim().replace(/\s+/g, ' ')));
}

/**
 * Resolves an account's stated place. `place` is free text (a town, a kommun or a län);
 * `lanText` is a separate län field where a site has one. A text naming only a län gives the
 * län level: the account counts in the län and its police region, never in a kommun.
 */
export function resolveStatedPlace(place: string | null | undefined, lanText?: string | null): StatedPlace {
  const text = (place ?? '').trim();
  const fromLan = lanText ? lanOfText(lanText) : undefined;
  if (text) {
    const lan = lanOfText(text);
    if (lan) return { level: 'lan', kommunCode: null, lanCode: lan.code, policeRegion: lan.policeRegion };
    const mention = findPlaceMentions(text, true).find((m) => !fromLan || m.lan.code === fromLan.code);
    if (mention) {
      const isKommunName = KOMMUN_NAMES.get(foldPlaceName(text))?.code === mention.kommun.code;
      return {
        level: isKommunName ? 'kommun' : 'town',
        kommunCode: mention.kommun.code,
        lanCode: mention.lan.code,
        policeRegion: mention.policeRegion,
      };
    }
  }
  if (fromLan) return { level: 'lan', kommunCode: null, lanCode: fromLan.code, policeRegion: fromLan.policeRegion };
  return NO_PLACE;
}

/** The age bands Fyren keeps (never an exact age). */
export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The band of an age. */
export function ageBandOf(age: number): AgeBand | null {
  if (!Number.isFinite(age) || age < 18 || age > 120) return null;
  if (age < 25) return '18-24';
  if (age >= 65) return '65+';
  const lo = Math.floor((age - 5) / 10) * 10 + 5;
  return `${lo}-${lo + 9}` as AgeBand;
}

/**
 * Reads an age or an age band as a site writes it ("52", "45–54 år", "45-54", "65+") and
 * returns Fyren's band: the band of the lower age, or of the middle when a range spans two.
 */
export function parseAgeBand(text: string | null | undefined): AgeBand | null {
  if (!text) return null;
  const nums = [...text.matchAll(/\d{2,3}/g)].map((m) => Number(m[0]));
  if (nums.length === 0) return null;
  const [a, b] = nums;
  if (b !== undefined && b > a!) return ageBandOf(Math.floor((a! + b) / 2));
  return ageBandOf(a!);
}

/** Reads a date a site writes (ISO date or date-time, or "YYYY-MM-DD …"); null when it is not one. */
export function parseSiteDate(text: string | null | undefined): Date | null {
  const m = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text ?? '');
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
  return Number.isNaN(d.getTime()) || d.getUTCMonth() !== Number(m[2]) - 1 ? null : d;
}

/** The Monday (UTC, ISO date) of the ISO week `date` falls in: how Fyren names a week. */
export function weekOf(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

/** The Monday `n` weeks after the Monday `week`. */
export function addWeeks(week: string, n: number): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + n * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** ISO week label, "v. 12 2026" style parts: ISO year and week number. */
export function isoWeekNumber(week: string): { year: number; week: number } {
  const d = new Date(`${week}T00:00:00Z`);
  const thursday = new Date(d.getTime() + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const firstMonday = Date.parse(weekOf(jan4));
  return { year, week: Math.round((d.getTime() - firstMonday) / (7 * 86_400_000)) + 1 };
}

/** How a handle is compared across sites: case and surrounding space do not matter. */
export function normaliseHandle(handle: string): string {
  return handle.normalize('NFKC').trim().toLowerCase();
}

/**
 * The keyed pseudonym of a handle: HMAC-SHA-256 with the installation's secret, hex. The same
 * handle on two sites gives the same pseudonym (cross-site de-duplication); without the
 * secret it cannot be turned back or recomputed from a list of usernames.
 */
export function pseudonymOf(secret: string | Uint8Array, handle: string): string {
  return createHmac('sha256', secret)
    .update(`fyren-buyer-handle\u0000${normaliseHandle(handle)}`)
    .digest('hex');
}

/** The län of a code, for names in texts. */
export function lanName(code: string): string | undefined {
  return LAN_BY_CODE.get(code)?.name;
}
