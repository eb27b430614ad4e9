/**
 * The dashboard's tables, built once from the published (suppressed) figures and used by the web
 * app, the PDF report and the CSV export, so all three show the same cells. CSV is written as
 * Swedish Excel expects: UTF-8 with a byte-order mark, semicolons between fields, CRLF lines.
 */
import { kommunName } from './area';
import { isoWeekNumber, type PublishedDashboard, type PublishedTotals } from './dashboard';
import { indicatorLabel, periodText } from './method';

export const TABLE_KEYS = ['nyckeltal', 'veckor', 'kommuner', 'indikatorer', 'floden', 'jamforelse'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

export interface StatTable {
  key: TableKey;
  title: string;
  header: string[];
  rows: string[][];
}

type Lang = 'sv' | 'en';

const L = {
  sv: {
    nyckeltal: 'Nyckeltal',
    veckor: 'Per vecka',
    kommuner: 'Per kommun',
    indikatorer: 'Andel profiler med indikator',
    floden: 'Flöden mellan kommuner',
    jamforelse: 'Jämförelse',
    figure: 'Mått',
    value: 'Värde',
    lastYear: 'Samma period förra året',
    week: 'Vecka',
    incomplete: '(ofullständig vecka)',
    kommun: 'Kommun',
    code: 'Kod',
    indicator: 'Indikator',
    share: 'Andel',
    from: 'Från',
    to: 'Till',
    area: 'Område',
    period: 'Period',
    ads: 'Aktiva annonser',
    profiles: 'Unika profiler',
    newProfiles: 'Nya profiler',
    inresta: 'Inresta profiler',
    lokal: 'Lokala profiler',
    inrestaShare: 'Andel inresta',
    sugarAds: 'Sugardejtingkonton',
    networks: 'Aktiva nätverk',
  },
  en: {
    nyckeltal: 'Key figures',
    veckor: 'By week',
    kommuner: 'By municipality',
    indikatorer: 'Share of profiles with indicator',
    floden: 'Flows between municipalities',
    jamforelse: 'Comparison',
    figure: 'Figure',
    value: 'Value',
    lastYear: 'Same period last year',
    week: 'Week',
    incomplete: '(incomplete week)',
    kommun: 'Municipality',
    code: 'Code',
    indicator: 'Indicator',
    share: 'Share',
    from: 'From',
    to: 'To',
    area: 'Area',
    period: 'Period',
    ads: 'Active ads',
    profiles: 'Unique profiles',
    newProfiles: 'New profiles',
    inresta: 'Travelling profiles',
    lokal: 'Local profiles',
    inrestaShare: 'Share travelling',
    sugarAds: 'Sugar-dating accounts',
    networks: 'Active networks',
  },
} as const;

/** The labels of the key figures, in order. */
export const TOTAL_KEYS = [
  'ads',
  'profiles',
  'newProfiles',
  'inresta',
  'lokal',
  'inrestaShare',
  'sugarAds',
  'networks',
] as const satisfies readonly (keyof PublishedTotals)[];

/** The label of a figure or table word. */
export function statLabel(key: keyof (typeof L)['sv'], lang: Lang): string {
  return L[lang][key];
}

/** Every table of a published dashboard. */
export function dashboardTables(d: PublishedDashboard, lang: Lang): StatTable[] {
  const l = L[lang];
  const totalsRow = (t: PublishedTotals) => TOTAL_KEYS.map((k) => t[k].display);
  return [
    {
      key: 'nyckeltal',
      title: l.nyckeltal,
      header: [l.figure, `${d.area.name} ${periodText(d.period, lang)}`, `${l.lastYear} (${periodText(d.lastYear.period, lang)})`],
      rows: TOTAL_KEYS.map((k) => [l[k], d.totals[k].display, d.lastYear.totals[k].display]),
    },
    {
      key: 'veckor',
      title: l.veckor,
      header: [l.week, l.ads, l.profiles, l.newProfiles, l.inresta, l.sugarAds],
      rows: d.weeks.map((w) => [
        `${w.week.slice(0, 4)} v${String(isoWeekNumber(w.week)).padStart(2, '0')} (${w.week})${w.isIncomplete ? ` ${l.incomplete}` : ''}`,
        w.ads.display,
        w.profiles.display,
        w.newProfiles.display,
        w.inresta.display,
        w.sugarAds.display,
      ]),
    },
    {
      key: 'kommuner',
      title: l.kommuner,
      header: [l.code, l.kommun, l.ads, l.profiles, l.inresta],
      rows: d.kommuner.map((k) => [k.code, kommunName(k.code), k.ads.display, k.profiles.display, k.inresta.display]),
    },
    {
      key: 'indikatorer',
      title: l.indikatorer,
      header: [l.indicator, l.profiles, l.share],
      rows: d.indicators.map((i) => [indicatorLabel(i.code, lang), i.profiles.display, i.share.display]),
    },
    {
      key: 'floden',
      title: l.floden,
      header: [l.from, l.to, l.profiles],
      rows: d.flows.map((f) => [kommunName(f.from), kommunName(f.to), f.profiles.display]),
    },
    {
      key: 'jamforelse',
      title: l.jamforelse,
      header: [l.area, l.period, ...TOTAL_KEYS.map((k) => l[k])],
      rows: [
        [d.area.name, periodText(d.period, lang), ...totalsRow(d.totals)],
        [d.area.name, periodText(d.lastYear.period, lang), ...totalsRow(d.lastYear.totals)],
        ...d.comparisons.map((c) => [c.area.name, periodText(d.period, lang), ...totalsRow(c.totals)]),
      ],
    },
  ];
}

const BOM = '\uFEFF';

function csvField(s: string): string {
  return /[;"\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A table as CSV for Swedish Excel: UTF-8 with BOM, `;` between fields, CRLF, fields quoted when needed. */
export function toCsv(table: Pick<StatTable, 'header' | 'rows'>): string {
  return BOM + [table.header, ...table.rows].map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}
