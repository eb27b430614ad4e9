/**
 * Ad and profile text for the synthetic market: Swedish, English and broken mixtures,
 * with emojis, prices, hotel and incall wording and the ad indicators of DOMAIN.md.
 * All text is non-explicit and fictional; names are invented aliases.
 */
import type { Rng } from './prng';

/** Indicator codes the generator can put into an ad (see docs/formats.md). */
export const INDICATOR_CODES = [
  'OBSCURED_PHONE',
  'STATED_ETHNICITY',
  'TRUST_WORDING',
  'YOUTH_WORDING',
  'NEW_IN_TOWN',
  'TOURING',
  'THIRD_PERSON',
  'SHARED_PHONE',
  'TEMPLATE_TEXT',
  'STOCK_PHOTO',
  'FOREIGN_PHONE',
  'ALWAYS_AVAILABLE',
  'HOTEL_INCALL',
  'LOW_PRICE',
  'MULTIPLE_WOMEN',
  'LIMITED_LANGUAGE',
] as const;
/** One indicator code. */
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** Fictional first names; some are also place names (Nora, Mora) or words. */
export const ALIAS_POOL: readonly string[] = [
  'Nora',
  'Vera',
  'Bella',
  'Sofia',
  'Emma',
  'Lina',
  'Maja',
  'Alice',
  'Ella',
  'Lisa',
  'Anna',
  'Sara',
  'Nikki',
  'Roxy',
  'Jasmine',
  'Luna',
  'Mia',
  'Kim',
  'Eva',
  'Diana',
  'Angel',
  'Elena',
  'Ioana',
  'Andreea',
  'Kasia',
  'Ola',
  'Natalia',
  'Daria',
  'Olga',
  'Lena',
  'Tina',
  'Vanessa',
  'Bianca',
  'Lara',
  'Mora',
  'Stella',
  'Amira',
  'Nadia',
  'Fiona',
  'Lucy',
  'Ruby',
  'Tess',
  'Iza',
  'Madde',
  'Jossan',
];

/** Stated origins: country (English), Swedish adjective, English adjective. */
export const NATIONALITIES: readonly { country: string; sv: string; en: string; lang: string }[] = [
  { country: 'Romania', sv: 'rumänsk', en: 'Romanian', lang: 'ro' },
  { country: 'Poland', sv: 'polsk', en: 'Polish', lang: 'pl' },
  { country: 'Bulgaria', sv: 'bulgarisk', en: 'Bulgarian', lang: 'bg' },
  { country: 'Ukraine', sv: 'ukrainsk', en: 'Ukrainian', lang: 'uk' },
  { country: 'Thailand', sv: 'thailändsk', en: 'Thai', lang: 'th' },
  { country: 'Nigeria', sv: 'nigeriansk', en: 'Nigerian', lang: 'en' },
  { country: 'Brazil', sv: 'brasiliansk', en: 'Brazilian', lang: 'pt' },
  { country: 'Latvia', sv: 'lettisk', en: 'Latvian', lang: 'lv' },
  { country: 'Hungary', sv: 'ungersk', en: 'Hungarian', lang: 'hu' },
  { country: 'Spain', sv: 'spansk', en: 'Spanish', lang: 'es' },
  { country: 'Colombia', sv: 'colombiansk', en: 'Colombian', lang: 'es' },
  { country: 'Sweden', sv: 'svensk', en: 'Swedish', lang: 'sv' },
];

/** Recurring phrases that operations adopt as their signature. */
export const SIGNATURE_POOL: readonly string[] = [
  'Kisses from the north ❄️',
  'Best time in town!!',
  'No rush, no stress 🌸',
  'Always smiling 😊',
  'Welcome gentlemen 🌹',
  'Discreet apartment, easy parking',
  'Sweet like candy 🍬',
  'Trevligt bemötande alltid',
  'Come and relax with me ✨',
  'Only for gentlemen with respect',
  'Good vibes only ☀️',
  'VIP service 👑',
  'Nice & friendly 💕',
  'Lets have coffee first ☕',
  'Your new favourite 💎',
  'Respect = respect',
];

const EMOJIS = ['😘', '💋', '🌹', '✨', '💕', '🌸', '😊', '🔥', '💎', '❤️', '👑', '🍓', '☀️', '🦋'];
const SUBJECTS = ['ekonomi', 'juridik', 'sjuksköterska', 'design', 'medicin', 'data', 'psykologi', 'marknadsföring'];

/** Everything the composer needs to know about one ad version. */
export interface ComposeInput {
  /** Language the person writes in. */
  language: 'sv' | 'en' | 'mixed';
  alias: string;
  /** A second woman's alias for ads that present two women. */
  secondAlias?: string;
  age: number;
  nationality: { country: string; sv: string; en: string } | null;
  /** The place as written. */
  placeText: string;
  /** Phone numbers as written, to put in the body (none for sugar profiles). */
  phoneTexts: string[];
  /** For organised ads: the operation's template and phrases. */
  template: { id: number; signaturePhrases: string[] } | null;
  isSugar: boolean;
  /** Wording switches, decided by the simulation with realistic proportions. */
  flags: {
    isNewInTown: boolean;
    isTrustWording: boolean;
    isYouthWording: boolean;
    isThirdPerson: boolean;
    isAlwaysAvailable: boolean;
    isHotelIncall: boolean;
    isLimitedLanguage: boolean;
    isMultipleWomen: boolean;
    isStatedEthnicity: boolean;
  };
  price: number;
  /** Edit number; small parts of the text change with it. */
  version: number;
}

/** A composed title and body. */
export interface ComposedText {
  title: string;
  body: string;
}

/** The line every ad ends with, so that no one mistakes the text for a real ad. */
export const FICTION_LINE = '(Fiktiv demoannons – Fyren)';

function priceText(rng: Rng, price: number, lang: 'sv' | 'en' | 'mixed'): string {
  const forms =
    lang === 'en'
      ? [`1h ${price} SEK`, `${price} sek/hour`, `Price ${price}kr`, `1 hour = ${price} SEK`]
      : [`${price} kr/h`, `${price}:- för en timme`, `Pris ${price} kr`, `1 h ${price} SEK`, `${price}kr 1h`];
  return rng.pick(forms);
}

function emoji(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(EMOJIS);
  return s;
}

/**
 * Composes one ad version. `structure` decides the fixed parts of the text (so that a
 * re-post of the same text is identical), `volatile` the parts that change with edits.
 */
export function composeAd(structure: Rng, volatile: Rng, input: ComposeInput): ComposedText {
  const text = input.isSugar
    ? composeSugar(structure, volatile, input)
    : input.template
      ? composeTemplate(structure, volatile, input)
      : composeOwn(structure, volatile, input);
  // Empty emoji slots leave double spaces; real ads have them too, but not at line ends.
  const tidy = (t: string): string =>
    t
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/ +\n/g, '\n')
      .trim();
  return { title: tidy(text.title), body: tidy(text.body) };
}

function composeOwn(structure: Rng, volatile: Rng, input: ComposeInput): ComposedText {
  const { flags } = input;
  const lang = input.language;
  const lines: string[] = [];
  const nat = input.nationality;
  const place = input.placeText;
  const em = emoji(volatile, volatile.int(0, 2));
  let title: string;
  if (lang === 'en') {
    title = structure.pick([
      `${input.alias} in ${place}`,
      `Relax in ${place}`,
      `Massage & company – ${place}`,
      `${input.alias}, ${input.age}`,
    ]);
    lines.push(
      structure.pick([
        `Hi! My name is ${input.alias}, ${input.age} years.`,
        `Hello, ${input.alias} here ${em}`,
        `Friendly and calm lady in ${place}.`,
      ]),
    );
    if (flags.isStatedEthnicity && nat) lines.push(`I am ${nat.en}, living in ${place}.`);
    lines.push(
      structure.pick([
        'I offer company and relaxing massage.',
        'Incall in my own apartment or outcall.',
        'Nice company for a calm evening.',
      ]),
    );
  } else if (lang === 'mixed') {
    title = structure.pick([`${input.alias} ${place} ${em}`, `Sweet ${input.alias} i ${place}`, `Mys i ${place} / relax`]);
    lines.push(
      structure.pick([`Hej hej ${em} me ${input.alias}, ${input.age} år`, `Hello! Jag heter ${input.alias} and I am ${input.age}.`]),
    );
    if (flags.isStatedEthnicity && nat) lines.push(`${nat.en} tjej, bor i ${place}.`);
    lines.push(structure.pick(['Erbjuder company och massage.', 'Incall egen lägenhet, outcall ok.', 'Nice sällskap för lugn kväll.']));
  } else {
    title = structure.pick([
      `${input.alias} i ${place}`,
      `Mysig stund i ${place}`,
      `Massage & sällskap – ${place}`,
      `${input.alias}, ${input.age} – ${place}`,
      `Avkoppling i ${place} ${em}`,
    ]);
    lines.push(
      structure.pick([
        `Hej! Jag heter ${input.alias} och är ${input.age} år.`,
        `Hej på er! ${input.alias} här ${em}`,
        `Trevlig och lugn tjej i ${place}.`,
      ]),
    );
    if (flags.isStatedEthnicity && nat) lines.push(`Jag är ${nat.sv} och bor i ${place}.`);
    lines.push(
      structure.pick([
        'Erbjuder sällskap och avkopplande massage.',
        'Jag tar emot i egen lägenhet (incall) eller kommer hem till dig.',
        'Trevligt sällskap för en lugn kväll.',
      ]),
    );
  }
  if (flags.isYouthWording)
    lines.push(
      lang === 'sv'
        ? 'Ung och glad tjej, nyss fyllt ' + String(input.age) + '.'
        : 'Young and fresh, just turned ' + String(input.age) + '.',
    );
  if (flags.isHotelIncall) lines.push(lang === 'sv' ? 'Incall på hotell centralt.' : 'Incall at hotel in city centre.');
  if (flags.isAlwaysAvailable) lines.push(lang === 'sv' ? 'Tillgänglig dygnet runt.' : 'Available 24/7.');
  else
    lines.push(
      volatile.pick(
        lang === 'en'
          ? ['Evenings best.', 'Times by agreement.', 'Available today!', 'Weekends too.']
          : ['Tider efter överenskommelse.', 'Bäst att nå mig kvällstid.', 'Ledig idag!', 'Även helger.', 'Kan vara flexibel med tider.'],
      ),
    );
  lines.push(priceText(volatile, input.price, lang));
  if (flags.isTrustWording)
    lines.push(
      lang === 'sv'
        ? structure.pick(['Seriös och diskret. Äkta bilder.', '100% äkta bilder, inga fejk.'])
        : structure.pick(['100% real photos, no fake.', 'Genuine and trustworthy, real pics.']),
    );
  for (const p of input.phoneTexts)
    lines.push(
      `${lang === 'en' ? structure.pick(['Call or sms:', 'Contact:', 'Sms only']) : structure.pick(['Ring eller sms:', 'Nås på', 'Endast sms'])} ${p}`,
    );
  lines.push(FICTION_LINE);
  return { title, body: lines.join('\n') };
}

const TEMPLATES: readonly ((i: ComposeInput, s: Rng, v: Rng) => ComposedText)[] = [
  (i, s, v) => ({
    title: `NEW IN ${i.placeText.toUpperCase()}!!! ${emoji(s, 2)}`,
    body: [
      `${i.alias} ${i.age}yo${i.flags.isStatedEthnicity && i.nationality ? ` from ${i.nationality.country}` : ''} ${emoji(v, 1)}`,
      i.flags.isNewInTown ? 'Only few days in town!' : 'Now in town.',
      i.flags.isHotelIncall ? `Incall hotel near ${i.placeText}.` : `Incall/outcall ${i.placeText}.`,
      i.flags.isAlwaysAvailable ? '24/7' : v.pick(['Open late.', 'Call from 10.']),
      `Price ${i.price}kr`,
    ].join('\n'),
  }),
  (i, s, v) => ({
    title: `${i.alias} – sweet ${i.flags.isStatedEthnicity && i.nationality ? i.nationality.en + ' ' : ''}girl ${emoji(s, 1)}`,
    body: [
      `Hi gentlemen ${emoji(v, 1)} My name is ${i.alias}, I am ${i.age} years${i.flags.isYouthWording ? ' young' : ''}${i.flags.isStatedEthnicity && i.nationality ? ` ${i.nationality.en} girl` : ''}.`,
      i.flags.isNewInTown ? `I am in ${i.placeText} only for short time.` : `I am in ${i.placeText}.`,
      i.flags.isTrustWording ? '100% real photos! Trust me.' : 'Photos are me.',
      i.flags.isHotelIncall ? 'Hotel incall, discreet.' : 'Incall.',
      `${i.price} SEK / 1h`,
    ].join('\n'),
  }),
  (i, s, v) => ({
    title: `Ny tjej i ${i.placeText}! ${emoji(s, 1)}`,
    body: [
      `${i.flags.isThirdPerson ? 'Hon heter' : 'Jag heter'} ${i.alias}, ${i.age} år${i.flags.isStatedEthnicity && i.nationality ? `, ${i.nationality.sv} tjej` : ''}.`,
      i.flags.isNewInTown ? 'Ny i stan, bara några dagar!' : `Finns i ${i.placeText}.`,
      i.flags.isLimitedLanguage ? 'Pratar lite engelska, ingen svenska.' : 'Pratar engelska.',
      i.flags.isThirdPerson ? 'Boka via sms, booker svarar.' : v.pick(['Skriv sms.', 'Ring mig.']),
      i.flags.isAlwaysAvailable ? 'Öppet dygnet runt.' : 'Öppet kvällar.',
      `${i.price}:-`,
    ].join('\n'),
  }),
  (i, s, v) => ({
    title: `${i.alias} ${i.placeText} ${emoji(s, 2)} hotel`,
    body: [
      `Hej hej ${emoji(v, 1)} ${i.alias} här, ${i.flags.isNewInTown ? `ny i ${i.placeText}` : `i ${i.placeText}`}.`,
      `Me ${i.age} år${i.flags.isStatedEthnicity && i.nationality ? `, from ${i.nationality.country}` : ''}${i.flags.isYouthWording ? ', young new girl' : ''}.`,
      i.flags.isHotelIncall ? 'Hotell incall' + (i.flags.isAlwaysAvailable ? ', dygnet runt öppet.' : '.') : 'Incall.',
      i.flags.isLimitedLanguage ? 'Bara sms, no call. Little english.' : 'Sms or call.',
      `Good price ${i.price} kr`,
    ].join('\n'),
  }),
  (i, s, v) => ({
    title: `${i.flags.isMultipleWomen ? '2 girls together' : i.alias} in ${i.placeText} ${emoji(s, 1)}`,
    body: [
      i.flags.isMultipleWomen && i.secondAlias ? `${i.alias} & ${i.secondAlias}, ${i.age} and ${i.age + 1}.` : `${i.alias}, ${i.age}.`,
      i.flags.isStatedEthnicity && i.nationality
        ? `${i.nationality.en} ${i.flags.isMultipleWomen ? 'girls' : 'girl'}.`
        : i.flags.isMultipleWomen
          ? 'Nice girls.'
          : 'Nice girl.',
      i.flags.isThirdPerson ? 'Booking by our manager only.' : 'Booking direct.',
      i.flags.isNewInTown ? 'New in town this week!' : v.pick(['Back in town.', 'Here now.']),
      i.flags.isAlwaysAvailable ? 'Available 24/7' : 'Available evenings',
      `Nice time, good price ${i.price}kr`,
    ].join('\n'),
  }),
];

/** Number of operation templates. */
export const TEMPLATE_COUNT = TEMPLATES.length;

function composeTemplate(structure: Rng, volatile: Rng, input: ComposeInput): ComposedText {
  const tpl = input.template;
  const make = TEMPLATES[(tpl?.id ?? 0) % TEMPLATES.length];
  if (!tpl || !make) throw new Error('composeTemplate without a template');
  const t = make(input, structure, volatile);
  const lines = [t.body];
  if (input.flags.isTrustWording && tpl.id !== 1)
    lines.push(structure.pick(['100% real pics', 'Real photos, trust me', 'Seriös, äkta bilder']));
  if (input.flags.isLimitedLanguage && tpl.id !== 2 && tpl.id !== 3) lines.push('No swedish, little english.');
  if (input.flags.isThirdPerson && tpl.id !== 2 && tpl.id !== 4) lines.push('She is waiting for your sms. Booker answers.');
  if (input.flags.isMultipleWomen && tpl.id !== 4 && input.secondAlias) lines.push(`Also my friend ${input.secondAlias} is here, 2 girls.`);
  for (const p of input.phoneTexts) lines.push(`${structure.pick(['Sms', 'Call/sms', 'Tel', 'Booking'])} ${p}`);
  for (const phrase of tpl.signaturePhrases) lines.push(phrase);
  lines.push(FICTION_LINE);
  return { title: t.title, body: lines.join('\n') };
}

function composeSugar(structure: Rng, volatile: Rng, input: ComposeInput): ComposedText {
  const subject = structure.pick(SUBJECTS);
  const title = structure.pick([
    `${input.alias}, ${input.age}`,
    `Student i ${input.placeText} söker mentor`,
    `${input.alias} – sugar baby ${emoji(structure, 1)}`,
    `Söt ${input.alias} ${input.age} år`,
  ]);
  const lines = [
    structure.pick([
      `Pluggar ${subject} i ${input.placeText}.`,
      `Student (${subject}), bor i ${input.placeText}.`,
      `Hej! ${input.alias} här, ${input.age} år från ${input.placeText}.`,
    ]),
    volatile.pick([
      'Gillar resor, gym och god mat.',
      'Älskar shopping och fina middagar.',
      'Tycker om konst, kaffe och långa promenader.',
      'Söker någon att resa med i vår.',
    ]),
    structure.pick([
      'Söker en generös gentleman som kan hjälpa mig med studierna 🎓',
      'Looking for a generous mentor, mutually beneficial ✨',
      'Söker sugar daddy, ömsesidigt arrangemang.',
    ]),
  ];
  if (input.flags.isYouthWording) lines.push(structure.pick(['Ung och ny här.', 'Just turned ' + String(input.age) + ' 🙈']));
  if (input.flags.isStatedEthnicity && input.nationality) lines.push(`Halv ${input.nationality.sv}.`);
  lines.push(volatile.pick(['Skriv i chatten först.', 'Inga nummer här, bara chatt.', 'Message me here 💌']));
  lines.push(FICTION_LINE);
  return { title, body: lines.join('\n') };
}
