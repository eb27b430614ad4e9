/**
 * Stated nationality or ethnicity, in Swedish and English: adjectives ("rumänsk tjej",
 * "Thai girl", "svenska"), compounds ("thaitjej") and "från X" / "from X".
 * Language names after "pratar/talar/speak" are languages, not nationalities.
 */
import type { Extracted, FieldText, NationalityValue } from './types';
import { evidenceOf } from './types';
import { matchAtWordStarts, prefixKeysOf } from './word-starts';

/** [code, kind, Swedish adjective stem(s), English adjective(s), Swedish country, English country]. */
const NATIONS: ReadonlyArray<readonly [string, 'nationality' | 'ethnicity', readonly string[], readonly string[], readonly string[]]> = [
  ['SE', 'nationality', ['svensk'], ['swedish', 'swede'], ['sverige', 'sweden']],
  ['NO', 'nationality', ['norsk'], ['norwegian'], ['norge', 'norway']],
  ['DK', 'nationality', ['dansk'], ['danish'], ['danmark', 'denmark']],
  ['FI', 'nationality', ['finsk', 'finländsk'], ['finnish'], ['finland']],
  ['RO', 'nationality', ['rumänsk', 'rumänsk'], ['romanian'], ['rumänien', 'romania']],
  ['BG', 'nationality', ['bulgarisk'], ['bulgarian'], ['bulgarien', 'bulgaria']],
  ['HU', 'nationality', ['ungersk'], ['hungarian'], ['ungern', 'hungary']],
  ['PL', 'nationality', ['polsk'], ['polish'], ['polen', 'poland']],
  ['RU', 'nationality', ['rysk'], ['russian'], ['ryssland', 'russia']],
  ['UA', 'nationality', ['ukrainsk'], ['ukrainian'], ['ukraina', 'ukraine']],
  ['BY', 'nationality', ['vitrysk', 'belarusisk'], ['belarusian'], ['vitryssland', 'belarus']],
  ['LT', 'nationality', ['litauisk'], ['lithuanian'], ['litauen', 'lithuania']],
  ['LV', 'nationality', ['lettisk'], ['latvian'], ['lettland', 'latvia']],
  ['EE', 'nationality', ['estnisk'], ['estonian'], ['estland', 'estonia']],
  ['CZ', 'nationality', ['tjeckisk'], ['czech'], ['tjeckien', 'czechia', 'czech republic']],
  ['SK', 'nationality', ['slovakisk'], ['slovak', 'slovakian'], ['slovakien', 'slovakia']],
  ['MD', 'nationality', ['moldavisk'], ['moldovan'], ['moldavien', 'moldova']],
  ['AL', 'nationality', ['albansk'], ['albanian'], ['albanien', 'albania']],
  ['RS', 'nationality', ['serbisk'], ['serbian'], ['serbien', 'serbia']],
  ['DE', 'nationality', ['tysk'], ['german'], ['tyskland', 'germany']],
  ['FR', 'nationality', ['fransk'], ['french'], ['frankrike', 'france']],
  ['ES', 'nationality', ['spansk'], ['spanish'], ['spanien', 'spain']],
  ['IT', 'nationality', ['italiensk'], ['italian'], ['italien', 'italy']],
  ['GR', 'nationality', ['grekisk'], ['greek'], ['grekland', 'greece']],
  ['TR', 'nationality', ['turkisk'], ['turkish'], ['turkiet', 'turkey']],
  ['TH', 'nationality', ['thailändsk', 'thai'], ['thai'], ['thailand']],
  ['VN', 'nationality', ['vietnamesisk'], ['vietnamese'], ['vietnam']],
  ['CN', 'nationality', ['kinesisk'], ['chinese'], ['kina', 'china']],
  ['JP', 'nationality', ['japansk'], ['japanese'], ['japan']],
  ['KR', 'nationality', ['koreansk'], ['korean'], ['korea', 'sydkorea', 'south korea']],
  ['PH', 'nationality', ['filippinsk'], ['filipina', 'filipino'], ['filippinerna', 'philippines']],
  ['IN', 'nationality', ['indisk'], ['indian'], ['indien', 'india']],
  ['NG', 'nationality', ['nigeriansk'], ['nigerian'], ['nigeria']],
  ['GH', 'nationality', ['ghanansk'], ['ghanaian'], ['ghana']],
  ['KE', 'nationality', ['kenyansk'], ['kenyan'], ['kenya']],
  ['BR', 'nationality', ['brasiliansk'], ['brazilian'], ['brasilien', 'brazil']],
  ['CO', 'nationality', ['colombiansk'], ['colombian'], ['colombia']],
  ['VE', 'nationality', ['venezuelansk'], ['venezuelan'], ['venezuela']],
  ['DO', 'nationality', ['dominikansk'], ['dominican'], ['dominikanska republiken', 'dominican republic']],
  ['CU', 'nationality', ['kubansk'], ['cuban'], ['kuba', 'cuba']],
  ['asian', 'ethnicity', ['asiatisk'], ['asian', 'oriental'], ['asien', 'asia']],
  [
    'latina',
    'ethnicity',
    ['latinamerikansk', 'latina'],
    ['latina', 'latin'],
    ['latinamerika', 'latin america', 'sydamerika', 'south america'],
  ],
  ['african', 'ethnicity', ['afrikansk'], ['african', 'ebony'], ['afrika', 'africa']],
  ['arab', 'ethnicity', ['arabisk'], ['arab', 'arabian'], ['mellanöstern', 'middle east']],
  ['eastern-european', 'ethnicity', ['östeuropeisk'], ['eastern european'], ['östeuropa', 'eastern europe']],
  ['scandinavian', 'ethnicity', ['skandinavisk', 'nordisk'], ['scandinavian', 'nordic'], ['skandinavien', 'norden', 'scandinavia']],
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

const byWord = new Map<string, readonly [string, 'nationality' | 'ethnicity']>();
const svStems: string[] = [];
const enWords: string[] = [];
const countries: string[] = [];
for (const [code, kind, sv, en, land] of NATIONS) {
  for (const s of sv) {
    byWord.set(s, [code, kind]);
    svStems.push(escape(s));
  }
  for (const e of en) {
    byWord.set(e, [code, kind]);
    enWords.push(escape(e));
  }
  for (const l of land) {
    byWord.set(l, [code, kind]);
    countries.push(escape(l));
  }
}
const longestFirst = (a: string, b: string): number => b.length - a.length;
// Swedish adjectives take -a/-t endings and may start a compound ("thaitjej", "svensktjej").
const NATION_RE = new RegExp(
  String.raw`(?<!\p{L})(?:(${svStems.sort(longestFirst).join('|')})(?:a|t|e)?(?:(?:tjej|flicka|kvinna|brud|girl|skönhet|beauty|mamma|milf)(?:en|er|or|erna)?)?|(${enWords.sort(longestFirst).join('|')})(?:s)?|(?:från|from|född i|born in|kommer från|come from)\s(${countries.sort(longestFirst).join('|')}))(?!\p{L})`,
  'iuy',
);
const NATION_KEYS = prefixKeysOf(NATION_RE.source);
const LANGUAGE_CONTEXT =
  /(?:pratar|talar|speak|speaks|språk|languages?|spricht|och|and|,|\/|&|lite|little|bra|good|fluent|flytande|some|perfekt|perfect|basic|god|no|ingen|inte)\s*$/iu;
const LANGUAGE_AFTER = /^\s?(?:och|and|,|\/|&)?\s?(?:engelska|english|svenska|swedish|ryska|russian|lite|little)\b/iu;

/** Finds stated nationalities and ethnicities. */
export function findNationalities(f: FieldText): Extracted<NationalityValue>[] {
  const out: Extracted<NationalityValue>[] = [];
  matchAtWordStarts(
    NATION_RE,
    f,
    (m) => {
      const word = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase();
      const hit = byWord.get(word);
      if (hit === undefined) return;
      const isFrom = m[3] !== undefined;
      if (!isFrom) {
        const before = f.text.slice(Math.max(0, m.index - 24), m.index);
        const after = f.text.slice(m.index + m[0].length, m.index + m[0].length + 24);
        // "pratar svenska och engelska", "English, Russian": languages, not origin.
        if (LANGUAGE_CONTEXT.test(before) && /(?:a|ish|ian|ese|an)$/iu.test(m[0])) return;
        if (LANGUAGE_AFTER.test(after) && /(?:ska|ish)$/iu.test(m[0])) return;
        // Swedish neuter/plural forms used as nouns ("svenska", "finska") stand for the language after "på".
        if (/\bpå\s$/iu.test(before)) return;
      }
      out.push({
        value: { code: hit[0], kind: hit[1] },
        confidence: isFrom ? 0.9 : 0.75,
        evidence: evidenceOf(f, m.index, m.index + m[0].length),
      });
    },
    NATION_KEYS,
  );
  return out;
}
