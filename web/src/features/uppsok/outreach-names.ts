/** Words for outreach codes (channels, outcomes, categories, reasons) in the user's language. */
import type { Locale } from '../../../../src/contracts/identity';
import type { Channel, ContentPoint, Outcome, OutcomeCategory, RankReason } from '../../../../src/contracts/outreach';
import type { Translate } from '../../i18n/i18n';

export const channelName = (c: Channel, t: Translate) => t(`uppsok.channel.${c}`);
export const outcomeName = (o: Outcome, t: Translate) => t(`uppsok.outcome.${o}`);
export const categoryName = (c: OutcomeCategory, t: Translate) => t(`uppsok.category.${c}`);
export const pointName = (p: ContentPoint, t: Translate) => t(`uppsok.point.${p}`);

/** Language names from ISO codes (639-1/639-3, "en-NG"), through Intl where it knows them. */
export function languageName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale === 'sv' ? 'sv-SE' : 'en-GB'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** One reason of a profile's place in the queue, in words. */
export function reasonText(r: RankReason, t: Translate, locale: Locale): string {
  switch (r.code) {
    case 'signs_of_minor':
      return r.age === null ? t('uppsok.reason.signs_of_minor') : t('uppsok.reason.signs_of_minorAge', { age: r.age });
    case 'youth_wording':
      return t('uppsok.reason.youth_wording');
    case 'new':
      return r.days === 0 ? t('uppsok.reason.newToday') : t('uppsok.reason.new', { days: r.days });
    case 'risk':
      return t('uppsok.reason.risk', { score: new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB').format(r.score) });
    case 'language':
      return t('uppsok.reason.language', { languages: r.languages.map((l) => languageName(l, locale)).join(', ') });
    case 'tried':
      return t('uppsok.reason.tried', { count: r.count });
    default: {
      const unreachable: never = r;
      return String(unreachable);
    }
  }
}

export const UPPSOK_PATHS = {
  queue: '/uppsok',
  followUps: '/uppsok/paminnelser',
  templates: '/uppsok/meddelanden',
  stats: '/uppsok/statistik',
} as const;

export const outreachProfilePath = (id: string) => `/uppsok/profil/${encodeURIComponent(id)}`;
