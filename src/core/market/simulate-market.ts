/**
 * The synthetic market model: people and operations, and day by day the ads they post,
 * edit, re-post and remove on the three demo sites, with ground truth for every ad.
 *
 * Pure and deterministic: the same config gives the same sequence of items. The model
 * runs one simulated day at a time and holds only people and their live ads, so memory
 * does not grow with the number of days or observations.
 */
import type { AdRecord } from './ad-record';
import { drawHomeKommun, SUGAR_KOMMUNER, TOURING_ROUTES, writePlace } from './market-places';
import { drawPhoneStyle, generatePhone, OBSCURING_STYLES, type PhoneCountry, writePhone } from './phones';
import { Rng } from './prng';
import { ALIAS_POOL, composeAd, type ComposeInput, NATIONALITIES, SIGNATURE_POOL, TEMPLATE_COUNT } from './text';
import type { AdContent, AdTruth, MarketConfig, MarketEvent, Operation, Person, PersonKind, RouteStop } from './types';

/** The default first simulated day. */
export const DEFAULT_START_DATE = '2026-01-05';

/** One item of a market, in the order the writer should write it. */
export type MarketItem =
  | { kind: 'operation'; operation: Operation }
  | { kind: 'person'; person: Person }
  | { kind: 'event'; event: MarketEvent }
  | { kind: 'truth'; truth: AdTruth }
  | { kind: 'observation'; record: AdRecord }
  | { kind: 'day-end'; day: number };

/** Canonical origins of the demo sites in generated files (".invalid" never resolves). */
export const SOURCE_ORIGINS: Record<string, string> = {
  'demo-portal': 'https://portal.demo.fyren.invalid',
  'demo-classifieds': 'https://classifieds.demo.fyren.invalid',
  'demo-sugar': 'https://sugar.demo.fyren.invalid',
};

/** Path of an ad's page on its site. */
export function adPath(source: string, externalId: string): string {
  switch (source) {
    case 'demo-portal':
      return `/annons/${externalId}`;
    case 'demo-classifieds':
      return `/ad/${externalId}`;
    default:
      return `/profile/${externalId}`;
  }
}

/** Path of an image on any demo site. */
export function imagePath(imageId: string): string {
  return `/img/${imageId}.jpg`;
}

/** Image variants: original, resized, cropped, recompressed, brightened, watermarked per site. */
export const IMAGE_VARIANTS = ['o', 'r', 'c', 'q', 'b', 'w0', 'w1', 'w2'] as const;

/** The ISO date `day` days after `startDate`. */
export function dayDate(startDate: string, day: number): string {
  const t = Date.parse(`${startDate}T00:00:00Z`) + day * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Observation time per source (UTC), as a crawler would visit each morning. */
const OBSERVE_TIME: Record<string, string> = {
  'demo-portal': '07:00:00Z',
  'demo-classifieds': '07:20:00Z',
  'demo-sugar': '07:40:00Z',
};

interface LiveAd {
  source: string;
  externalId: string;
  /** Seed label for the fixed parts of the text (kept on a text re-post). */
  textSeed: string;
  version: number;
  kommunCode: string;
  phones: string[];
  alias: string;
  content: AdContent;
  truth: AdTruth;
}

interface PersonState {
  person: Person;
  op: Operation | null;
  /** Kommun per day (organised people follow the route). */
  schedule: string[] | null;
  /** Which of the operation's numbers this person's ads show. */
  opPhones: string[];
  flagsBase: ComposeInput['flags'];
  price: number;
  aliasSwitchDay: number;
  live: Map<string, LiveAd>;
  rng: Rng;
  adCount: number;
}

const SITE_INDEX: Record<string, number> = { 'demo-portal': 0, 'demo-classifieds': 1, 'demo-sugar': 2 };

/**
 * Runs the market simulation. Yields operations and persons first, then for each day
 * the events, the truth of ads that appeared that day, the observations of all live
 * ads, and a `day-end` marker.
 */
export function* simulateMarket(config: MarketConfig): Generator<MarketItem> {
  const root = new Rng(`fyren-market/${config.seed}`);
  const { persons: personCount, days } = config;
  const setup = root.fork('setup');

  // Kinds: 50 % independent, 35 % organised, 15 % sugar.
  let sugarCount = Math.round(personCount * 0.15);
  let organisedCount = Math.round(personCount * 0.35);
  if (organisedCount < 2) organisedCount = 0;
  if (sugarCount + organisedCount > personCount) sugarCount = Math.max(0, personCount - organisedCount);
  const kinds: PersonKind[] = [];
  for (let i = 0; i < personCount; i++)
    kinds.push(i < organisedCount ? 'organised' : i < organisedCount + sugarCount ? 'sugar' : 'independent');
  setup.shuffle(kinds);
  const personIds = kinds.map((_, i) => `P${String(i + 1).padStart(6, '0')}`);

  // Operations of 2–8 people.
  const organisedIds = personIds.filter((_, i) => kinds[i] === 'organised');
  const operations: Operation[] = [];
  const opOfPerson = new Map<string, Operation>();
  let cursor = 0;
  while (cursor < organisedIds.length) {
    const remaining = organisedIds.length - cursor;
    let size = Math.min(setup.int(2, 8), remaining);
    if (remaining - size === 1) size = size < 8 ? size + 1 : size - 1;
    const members = organisedIds.slice(cursor, cursor + size);
    cursor += size;
    const opId = `O${String(operations.length + 1).padStart(4, '0')}`;
    const orng = root.fork(`op/${opId}`);
    const phoneCount = orng.int(1, 3);
    const phones: string[] = [];
    const isForeign = orng.chance(0.45);
    for (let i = 0; i < phoneCount; i++) {
      const country: PhoneCountry = isForeign && (i === 0 || orng.chance(0.5)) ? orng.pick(['RO', 'GB', 'PL'] as const) : 'SE';
      phones.push(generatePhone(orng, country));
    }
    const route = orng.pick(TOURING_ROUTES);
    const stops: RouteStop[] = (orng.chance(0.5) ? [...route.kommunCodes].reverse() : [...route.kommunCodes]).map((kommunCode) => ({
      kommunCode,
      days: orng.int(2, 5),
    }));
    const stock = orng.chance(0.5) ? Array.from({ length: orng.int(2, 4) }, (_, i) => `st-${opId}-${i + 1}`) : [];
    const op: Operation = {
      operationId: opId,
      personIds: members,
      phones,
      templateId: orng.int(0, TEMPLATE_COUNT - 1),
      signaturePhrases: orng.sample(SIGNATURE_POOL, orng.int(1, 2)),
      routeName: route.name,
      route: stops,
      stockPhotoIds: stock,
      displacement: null,
    };
    operations.push(op);
    for (const m of members) opOfPerson.set(m, op);
  }
  for (const operation of operations) yield { kind: 'operation', operation };

  // Persons.
  const states: PersonState[] = [];
  for (let i = 0; i < personCount; i++) {
    const personId = personIds[i] as string;
    const kind = kinds[i] as PersonKind;
    const prng = root.fork(`person/${personId}`);
    const op = opOfPerson.get(personId) ?? null;
    const isOrganised = kind === 'organised';
    const isSugar = kind === 'sugar';
    const nat = isOrganised ? prng.pick(NATIONALITIES.slice(0, 11)) : prng.chance(0.3) ? prng.pick(NATIONALITIES) : null;
    const language: Person['language'] = isSugar
      ? 'sv'
      : isOrganised
        ? prng.pick(['en', 'en', 'mixed', 'sv'] as const)
        : prng.pick(['sv', 'sv', 'sv', 'en', 'mixed'] as const);
    const statedAge = isSugar ? prng.int(18, 23) : isOrganised ? prng.int(19, 27) : prng.int(20, 45);
    const aliases = prng.sample(ALIAS_POOL, prng.int(1, 3));
    const home = isSugar && prng.chance(0.7) ? prng.pick(SUGAR_KOMMUNER) : op ? (op.route[0]?.kommunCode ?? '0180') : drawHomeKommun(prng);
    const phones: Person['phones'] = [];
    const isAlsoInSexAds = isSugar && prng.chance(0.25);
    if (!isSugar || isAlsoInSexAds) {
      if (isOrganised && op) {
        for (const e164 of op.phones) phones.push({ e164, fromDay: 0 });
      } else {
        phones.push({ e164: generatePhone(prng, nat && nat.country === 'Poland' && prng.chance(0.3) ? 'PL' : 'SE'), fromDay: 0 });
        // Some change number partway.
        if (kind === 'independent' && days > 4 && prng.chance(0.3)) {
          phones.push({ e164: generatePhone(prng, 'SE'), fromDay: prng.int(2, days - 2) });
        }
      }
    }
    const sources: string[] = [];
    if (isSugar) {
      sources.push('demo-sugar');
      if (isAlsoInSexAds) sources.push(prng.chance(0.5) ? 'demo-portal' : 'demo-classifieds');
    } else {
      const onPortal = prng.chance(isOrganised ? 0.85 : 0.6);
      const onClassifieds = prng.chance(0.5);
      if (onPortal || !onClassifieds) sources.push('demo-portal');
      if (onClassifieds) sources.push('demo-classifieds');
    }
    let activeFromDay = 0;
    let activeToDay = days - 1;
    if (kind === 'independent') {
      activeFromDay = prng.int(0, Math.floor(days * 0.5));
      activeToDay = Math.min(days - 1, activeFromDay + prng.int(Math.ceil(days * 0.3), days));
    } else if (isOrganised) {
      activeFromDay = prng.int(0, Math.floor(days * 0.2));
    } else {
      activeFromDay = prng.int(0, Math.floor(days * 0.3));
    }
    const photoIds = Array.from({ length: prng.int(3, 6) }, (_, k) => `ph-${personId}-${k + 1}`);
    const person: Person = {
      personId,
      kind,
      operationId: op?.operationId ?? null,
      aliases,
      statedAge,
      nationality: nat && (isOrganised || prng.chance(0.8)) ? nat.country : null,
      language,
      homeKommunCode: home,
      phones,
      photoIds,
      sources,
      isAlsoInSexAds,
      activeFromDay,
      activeToDay,
    };
    yield { kind: 'person', person };

    let schedule: string[] | null = null;
    if (op) {
      schedule = [];
      let stopIndex = prng.int(0, op.route.length - 1);
      while (schedule.length < days) {
        const stop = op.route[stopIndex % op.route.length] as RouteStop;
        for (let d = 0; d < stop.days && schedule.length < days; d++) schedule.push(stop.kommunCode);
        stopIndex++;
      }
    }
    const opPhones = op ? (prng.chance(0.2) && op.phones.length > 1 ? op.phones.slice(0, 2) : [prng.pick(op.phones)]) : [];
    const flagsBase: ComposeInput['flags'] = isOrganised
      ? {
          isNewInTown: prng.chance(0.75),
          isTrustWording: prng.chance(0.6),
          isYouthWording: prng.chance(0.3),
          isThirdPerson: prng.chance(0.4),
          isAlwaysAvailable: prng.chance(0.5),
          isHotelIncall: prng.chance(0.6),
          isLimitedLanguage: prng.chance(0.5),
          isMultipleWomen: prng.chance(0.15),
          isStatedEthnicity: prng.chance(0.8),
        }
      : {
          isNewInTown: false,
          isTrustWording: prng.chance(isSugar ? 0 : 0.25),
          isYouthWording: isSugar ? prng.chance(0.4) : statedAge < 22 && prng.chance(0.3),
          isThirdPerson: false,
          isAlwaysAvailable: !isSugar && prng.chance(0.1),
          isHotelIncall: !isSugar && prng.chance(0.05),
          isLimitedLanguage: false,
          isMultipleWomen: false,
          isStatedEthnicity: person.nationality !== null,
        };
    const isLowPrice = isOrganised ? prng.chance(0.25) : prng.chance(0.05);
    const price = isLowPrice ? prng.int(5, 9) * 100 : prng.int(12, 30) * 100;
    states.push({
      person,
      op,
      schedule,
      opPhones,
      flagsBase,
      price,
      aliasSwitchDay: aliases.length > 1 ? prng.int(1, Math.max(1, days - 1)) : Number.MAX_SAFE_INTEGER,
      live: new Map(),
      rng: prng.fork('days'),
      adCount: 0,
    });
  }

  // Per-source counters for external ids.
  const counters: Record<string, number> = { 'demo-portal': 0, 'demo-classifieds': 0, 'demo-sugar': 0 };
  const nextExternalId = (source: string): string => {
    const n = (counters[source] ?? 0) + 1;
    counters[source] = n;
    if (source === 'demo-portal') return String(100000 + n);
    if (source === 'demo-classifieds') return `k${(n * 7919 + 1_000_003).toString(36)}`;
    return `u${(n * 104_729 + 50_000).toString(36)}`;
  };

  /** Kommun where the person is on `day`. */
  const kommunOn = (s: PersonState, day: number): string => s.schedule?.[day] ?? s.person.homeKommunCode;
  /** Numbers the person's ads show on `day` (for sugar profiles, none). */
  const phonesOn = (s: PersonState, source: string, day: number): string[] => {
    if (source === 'demo-sugar') return [];
    if (s.op) return s.opPhones;
    let current: string | undefined;
    for (const p of s.person.phones) if (p.fromDay <= day) current = p.e164;
    return current ? [current] : [];
  };

  const buildAd = (
    s: PersonState,
    source: string,
    day: number,
    textSeed: string,
    version: number,
    externalId: string,
    repostOf: string | undefined,
    prev: LiveAd | undefined,
  ): LiveAd => {
    const { person, op } = s;
    const kommunCode = kommunOn(s, day);
    const phones = phonesOn(s, source, day);
    const structure = new Rng(`${root.label}/text/${textSeed}`);
    const volatile = new Rng(`${root.label}/text/${textSeed}/v${version}`);
    const alias = (day >= s.aliasSwitchDay ? person.aliases[1] : person.aliases[0]) ?? person.aliases[0] ?? 'Anna';
    const place = writePlace(structure, kommunCode, op !== null);
    const isOrganised = op !== null;
    const phoneStyles = phones.map(() => drawPhoneStyle(structure, isOrganised));
    const phoneTexts = phones.map((p, k) => writePhone(structure, p, phoneStyles[k] ?? 'plain'));
    const isPortal = source === 'demo-portal';
    const isSugar = source === 'demo-sugar';
    // The portal has a phone field; the number is then sometimes repeated in the body.
    const bodyPhones = isPortal ? (structure.chance(0.35) ? phoneTexts : []) : phoneTexts;
    const nat = person.nationality ? (NATIONALITIES.find((n) => n.country === person.nationality) ?? null) : null;
    const secondAlias = op && s.flagsBase.isMultipleWomen ? structure.pick(ALIAS_POOL.filter((a) => a !== alias)) : undefined;
    const priceNow = s.price + (version > 0 ? volatile.int(-2, 2) * 100 : 0);
    const input: ComposeInput = {
      language: person.language,
      alias,
      ...(secondAlias ? { secondAlias } : {}),
      age: person.statedAge,
      nationality: nat,
      placeText: place.text,
      phoneTexts: bodyPhones,
      template: op && !isSugar ? { id: op.templateId, signaturePhrases: op.signaturePhrases } : null,
      isSugar,
      flags: { ...s.flagsBase, isNewInTown: s.flagsBase.isNewInTown && !isSugar },
      price: Math.max(300, priceNow),
      version,
    };
    const text = composeAd(structure, volatile, input);
    // Images: 2–4 of the person's photos (and the operation's stock photos), as a site variant.
    const pool = op && op.stockPhotoIds.length > 0 ? [...op.stockPhotoIds, ...person.photoIds.slice(0, 2)] : person.photoIds;
    const photoIds = prev?.truth.photoIds ?? structure.sample(pool, structure.int(2, Math.min(4, pool.length)));
    const siteVariant = `w${SITE_INDEX[source] ?? 0}`;
    const imageIds = photoIds.map((ph) => `${ph}.${structure.chance(0.4) ? siteVariant : structure.pick(IMAGE_VARIANTS)}`);
    const postedAt = `${dayDate(config.startDate, day)}T${String(structure.int(6, 22)).padStart(2, '0')}:${String(structure.int(0, 59)).padStart(2, '0')}:00Z`;
    const content: AdContent = {
      title: text.title,
      body: text.body,
      ...(isPortal || isSugar ? { location: place.text } : {}),
      ...(isPortal && phoneTexts.length > 0 ? { phoneField: phoneTexts.join(' / ') } : {}),
      ...(isPortal || isSugar ? { age: person.statedAge } : {}),
      imageIds,
      postedAt: prev && !repostOf ? prev.content.postedAt : postedAt,
    };
    const indicators = new Set<string>();
    const f = input.flags;
    if (phoneStyles.some((st) => OBSCURING_STYLES.has(st))) indicators.add('OBSCURED_PHONE');
    if (f.isStatedEthnicity && nat) indicators.add('STATED_ETHNICITY');
    if (f.isTrustWording) indicators.add('TRUST_WORDING');
    if (f.isYouthWording) indicators.add('YOUTH_WORDING');
    if (f.isNewInTown && isOrganised) indicators.add('NEW_IN_TOWN');
    if (isOrganised) {
      indicators.add('TOURING');
      indicators.add('TEMPLATE_TEXT');
      if (f.isThirdPerson) indicators.add('THIRD_PERSON');
      if (f.isLimitedLanguage) indicators.add('LIMITED_LANGUAGE');
      if (f.isMultipleWomen && secondAlias) indicators.add('MULTIPLE_WOMEN');
      if (phones.length > 0) indicators.add('SHARED_PHONE');
    }
    if (photoIds.some((p) => p.startsWith('st-'))) indicators.add('STOCK_PHOTO');
    if (phones.some((p) => !p.startsWith('+46'))) indicators.add('FOREIGN_PHONE');
    if (f.isAlwaysAvailable) indicators.add('ALWAYS_AVAILABLE');
    if (f.isHotelIncall) indicators.add('HOTEL_INCALL');
    if (!isSugar && input.price < 1000) indicators.add('LOW_PRICE');
    const truth: AdTruth = {
      source,
      externalId,
      personId: person.personId,
      operationId: op?.operationId ?? null,
      isOrganised,
      kommunCode,
      phones,
      phoneStyles,
      isSugar,
      ...(repostOf ? { repostOf } : {}),
      imageIds,
      photoIds,
      indicators: [...indicators].sort(),
      firstDay: prev && !repostOf ? prev.truth.firstDay : day,
    };
    return { source, externalId, textSeed, version, kommunCode, phones, alias, content, truth };
  };

  for (let day = 0; day < days; day++) {
    const date = dayDate(config.startDate, day);
    for (const s of states) {
      const { person } = s;
      const r = s.rng;
      const isActive = day >= person.activeFromDay && day <= person.activeToDay;
      for (const source of person.sources) {
        const live = s.live.get(source);
        if (!isActive) {
          if (live) {
            s.live.delete(source);
            yield { kind: 'event', event: { day, type: 'remove', source, externalId: live.externalId } };
          }
          continue;
        }
        const isOrganised = s.op !== null;
        if (!live) {
          const pAppear = isOrganised ? 0.9 : source === 'demo-sugar' ? 0.5 : 0.35;
          if (!r.chance(pAppear)) continue;
          s.adCount++;
          const externalId = nextExternalId(source);
          const ad = buildAd(s, source, day, `${person.personId}/${source}/${s.adCount}`, 0, externalId, undefined, undefined);
          s.live.set(source, ad);
          yield { kind: 'event', event: { day, type: 'appear', source, externalId, ad: ad.content } };
          yield { kind: 'truth', truth: ad.truth };
          continue;
        }
        const hasMoved = live.kommunCode !== kommunOn(s, day);
        const phonesNow = phonesOn(s, source, day);
        const hasNewPhone = phonesNow.join() !== live.phones.join();
        const x = r.next();
        const pRemove = isOrganised ? 0.02 : 0.04;
        if (!hasMoved && !hasNewPhone && x < pRemove) {
          s.live.delete(source);
          yield { kind: 'event', event: { day, type: 'remove', source, externalId: live.externalId } };
          continue;
        }
        if (hasMoved || hasNewPhone || x < pRemove + 0.06) {
          // A re-post: a new ad id. Independent people keep their own text; a move or
          // a new number means a new text for the new town.
          const keepText = !hasMoved && !hasNewPhone && !isOrganised;
          let textSeed = live.textSeed;
          if (!keepText) {
            s.adCount++;
            textSeed = `${person.personId}/${source}/${s.adCount}`;
          }
          const externalId = nextExternalId(source);
          const ad = buildAd(s, source, day, textSeed, 0, externalId, live.externalId, undefined);
          s.live.set(source, ad);
          yield { kind: 'event', event: { day, type: 'repost', source, externalId, repostOf: live.externalId, ad: ad.content } };
          yield { kind: 'truth', truth: ad.truth };
          continue;
        }
        if (x < pRemove + 0.06 + 0.12) {
          const ad = buildAd(s, source, day, live.textSeed, live.version + 1, live.externalId, undefined, live);
          // An edit keeps the ad's truth (first day, place, numbers) and changes its text.
          ad.truth = live.truth;
          ad.content.imageIds = live.content.imageIds;
          s.live.set(source, ad);
          yield { kind: 'event', event: { day, type: 'edit', source, externalId: live.externalId, ad: ad.content } };
        }
      }
    }
    // Observations of every live ad, per source in a fixed order.
    for (const source of ['demo-portal', 'demo-classifieds', 'demo-sugar']) {
      const origin = SOURCE_ORIGINS[source] ?? '';
      const observedAt = `${date}T${OBSERVE_TIME[source] ?? '07:00:00Z'}`;
      for (const s of states) {
        const ad = s.live.get(source);
        if (!ad) continue;
        const c = ad.content;
        const record: AdRecord = {
          source,
          externalId: ad.externalId,
          url: origin + adPath(source, ad.externalId),
          observedAt,
          postedAt: c.postedAt,
          title: c.title,
          body: c.body,
          ...(c.location !== undefined ? { location: c.location } : {}),
          ...(c.phoneField !== undefined ? { phoneField: c.phoneField } : {}),
          ...(c.age !== undefined ? { age: c.age } : {}),
          images: c.imageIds.map((id) => ({ url: origin + imagePath(id) })),
        };
        yield { kind: 'observation', record };
      }
    }
    yield { kind: 'day-end', day };
  }
}
