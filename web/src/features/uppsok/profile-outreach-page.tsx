/**
 * One person as outreach sees her: the ads' numbers and places, the signs behind the score, the
 * contact history (another organisation's contacts only as date, kommun and whom to call, never an outcome),
 * the SMS conversation, and the form for a new contact: a message from a template to copy or
 * send, the channel, the outcome (accepted help leads to a referral, signs of a minor to a
 * report of concern) and a follow-up reminder.
 */
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { ContactCreatedDto, ProfileOutreachDto, TemplateDto } from '../../../../src/contracts/outreach';
import { renderTemplate, TEMPLATE_LANGUAGES, unfilledPlaceholders } from '../../../../src/core/outreach/outreach';
import { CHANNELS, OUTCOMES, type Channel, type Outcome } from '../../../../src/core/shared/vocabulary';
import { outreachApi } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ErrorSummary, errorMessage, LoadError, Notice, SelectField, TextAreaField, TextField, type SummaryItem } from '../../ui/form';
import { useLoad } from '../../ui/use-load';
import { useSession } from '../auth/session';
import { formatDay, indicatorName } from '../kartlaggning/link-names';
import { PurposeGate } from '../kartlaggning/purpose';
import { DemoBadge } from '../shell/demo-badge';
import { PageHeading } from '../shell/page-heading';
import { categoryName, channelName, languageName, outcomeName } from './outreach-names';

const dateTime = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

type Errors = Partial<Record<'channel' | 'outcome' | 'kommun', string>>;

/** Whether the profile's ads state an age under 18 (its lowest stated age, or the STATED_MINOR indicator). */
const hasStatedMinor = (p: ProfileOutreachDto): boolean =>
  (p.minStatedAge !== null && p.minStatedAge < 18) || p.contributions.some((c) => c.code === 'STATED_MINOR');

function ContactForm({ profile, templates, onSaved }: { profile: ProfileOutreachDto; templates: TemplateDto[]; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const me = session.status === 'authenticated' ? session.me : null;
  const [templateId, setTemplateId] = useState('');
  const [message, setMessage] = useState('');
  const [language, setLanguage] = useState('');
  const [channel, setChannel] = useState<'' | Channel>('');
  const [kommun, setKommun] = useState(profile.contactKommuner.length === 1 ? (profile.contactKommuner[0]?.code ?? '') : '');
  const [contactPoint, setContactPoint] = useState(profile.phones[0] ?? '');
  // A stated age under 18: the person is a child, so the children's route (a report of concern
  // to barn och unga) is chosen from the start; the worker can still change it.
  const isMinor = hasStatedMinor(profile);
  const [outcome, setOutcome] = useState<'' | Outcome>(isMinor ? 'signs_of_minor' : '');
  const [note, setNote] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  function chooseTemplate(id: string) {
    setTemplateId(id);
    const tpl = templates.find((x) => x.id === id);
    if (!tpl) return;
    setLanguage(tpl.language);
    setMessage(
      renderTemplate(tpl.body, {
        name: me?.displayName ?? '{namn}',
        organisation: me?.organisation.name ?? '{organisation}',
        contact: profile.supportContact,
      }),
    );
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(message);
      setStatus(t('uppsok.copied'));
    } catch {
      setStatus(t('uppsok.copyFailed'));
    }
  }

  async function send(phone: string) {
    setIsBusy(true);
    setFailure(null);
    try {
      await outreachApi.sendSms(profile.profileId, { phone, message });
      setChannel('sms');
      setContactPoint(phone);
      setStatus(t('uppsok.sent'));
      onSaved();
    } catch (error) {
      setFailure(isApiError(error, 'DEMO_SMS_REFUSED') ? t('uppsok.demoSmsRefused') : errorMessage(t, error));
    } finally {
      setIsBusy(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Errors = {};
    if (!channel) next.channel = t('uppsok.errChannel');
    if (!outcome) next.outcome = t('uppsok.errOutcome');
    if (!kommun) next.kommun = t('uppsok.errKommun');
    setErrors(next);
    if (!channel || !outcome || !kommun) return;
    setIsBusy(true);
    setFailure(null);
    try {
      const saved: ContactCreatedDto = await outreachApi.logContact({
        profileId: profile.profileId,
        kommun,
        channel,
        outcome,
        ...(language ? { language } : {}),
        ...(templateId ? { templateId } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
        ...(contactPoint.trim() ? { contactPoint: contactPoint.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(followUpOn ? { followUpOn } : {}),
      });
      setStatus(
        saved.referral
          ? t('uppsok.savedReferral', {
              referral: t(`uppsok.referral.${saved.referral.kind}`),
              unit: saved.referral.unitName ? t('uppsok.toUnit', { unit: saved.referral.unitName }) : '',
            })
          : t('uppsok.saved'),
      );
      setOutcome('');
      setNote('');
      setFollowUpOn('');
      onSaved();
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setIsBusy(false);
    }
  }

  // A placeholder left in the message would reach the person literally ("Ring {telefon}."): name it, and send nothing.
  const unfilled = unfilledPlaceholders(message);
  const placeholderError = unfilled.length
    ? unfilled.map((placeholder) => t('uppsok.errPlaceholder', { placeholder, what: placeholderWhat(placeholder) })).join(' ')
    : undefined;
  function placeholderWhat(placeholder: string): string {
    if (placeholder === '{telefon}') return t('uppsok.placeholder.telefon');
    if (placeholder === '{namn}') return t('uppsok.placeholder.namn');
    if (placeholder === '{organisation}') return t('uppsok.placeholder.organisation');
    return t('uppsok.placeholder.other');
  }

  const summary: SummaryItem[] = [
    ...(errors.channel ? [{ fieldId: 'contactChannel', message: errors.channel }] : []),
    ...(errors.kommun ? [{ fieldId: 'contactKommun', message: errors.kommun }] : []),
    ...(errors.outcome ? [{ fieldId: 'contactOutcome', message: errors.outcome }] : []),
  ];
  const active = templates.filter((x) => x.isActive);

  return (
    <section aria-labelledby="contact-title">
      <h2 id="contact-title">{t('uppsok.contactTitle')}</h2>
      <ErrorSummary items={summary} />
      {failure ? (
        <div role="alert" className="error-summary">
          <p>
            <span className="error-prefix">{t('app.errorPrefix')}</span> {failure}
          </p>
        </div>
      ) : null}
      {status ? <Notice kind="success">{status}</Notice> : null}
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <SelectField id="contactTemplate" label={t('uppsok.template')} value={templateId} onChange={(e) => chooseTemplate(e.target.value)}>
          <option value="">{t('uppsok.templateNone')}</option>
          {active.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
              {x.needsNativeReview ? ` (${t('uppsok.templateReview')})` : ''}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id="contactMessage"
          label={t('uppsok.message')}
          hint={t('uppsok.messageHint')}
          rows={6}
          lang={language || undefined}
          error={placeholderError}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            disabled={!message.trim() || unfilled.length > 0}
            onClick={() => void copy()}
          >
            {t('uppsok.copy')}
          </button>
          {profile.canSendSms
            ? profile.phones.map((phone) => (
                <button
                  key={phone}
                  type="button"
                  className="button button--secondary"
                  disabled={!message.trim() || unfilled.length > 0 || isBusy}
                  onClick={() => void send(phone)}
                >
                  {t('uppsok.send', { phone })}
                </button>
              ))
            : null}
        </div>
        {!profile.canSendSms ? <p className="hint">{t('uppsok.noGateway')}</p> : null}
        <div className="form form--inline">
          <SelectField
            id="contactChannel"
            label={t('uppsok.channel')}
            isRequired
            value={channel}
            error={errors.channel}
            onChange={(e) => setChannel(e.target.value as Channel)}
          >
            <option value="">–</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelName(c, t)}
              </option>
            ))}
          </SelectField>
          <SelectField id="contactLanguage" label={t('uppsok.language')} value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">–</option>
            {TEMPLATE_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {languageName(l, locale)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id="contactKommun"
            label={t('uppsok.contactKommun')}
            isRequired
            value={kommun}
            error={errors.kommun}
            onChange={(e) => setKommun(e.target.value)}
          >
            <option value="">–</option>
            {profile.contactKommuner.map((k) => (
              <option key={k.code} value={k.code}>
                {k.name}
              </option>
            ))}
          </SelectField>
          <TextField
            id="contactPoint"
            label={t('uppsok.contactPoint')}
            value={contactPoint}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setContactPoint(e.target.value)}
          />
        </div>
        <SelectField
          id="contactOutcome"
          label={t('uppsok.outcome')}
          hint={isMinor ? t('uppsok.minorOutcomeHint') : undefined}
          isRequired
          value={outcome}
          error={errors.outcome}
          onChange={(e) => setOutcome(e.target.value as Outcome)}
        >
          <option value="">–</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {outcomeName(o, t)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id="contactNote"
          label={t('uppsok.noteField')}
          rows={3}
          maxLength={4000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <TextField
          id="contactFollowUp"
          type="date"
          label={t('uppsok.followUp')}
          hint={t('uppsok.followUpHint')}
          value={followUpOn}
          onChange={(e) => setFollowUpOn(e.target.value)}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={isBusy}>
            {isBusy ? t('app.saving') : t('uppsok.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ProfileOutreach({ id, purpose }: { id: string; purpose: string }) {
  const { t, locale } = useI18n();
  const profile = useLoad(() => outreachApi.profile(id, purpose), `${id}|${purpose}`);
  const templates = useLoad(() => outreachApi.templates(), 'templates');
  const p = profile.data;
  const name = p ? (p.names.length ? p.names.join(', ') : t('uppsok.noName', { id })) : id;

  return (
    <>
      <PageHeading title={`${t('uppsok.profileTitle', { name })} – ${t('module.uppsok')}`}>
        {t('uppsok.profileTitle', { name })}
      </PageHeading>
      <p className="hint">{t('uppsok.profileLead')}</p>
      <div aria-live="polite" aria-busy={profile.isLoading}>
        {profile.isLoading && !p ? <p>{t('app.loading')}</p> : null}
      </div>
      {profile.error ? <LoadError error={profile.error} onRetry={profile.reload} /> : null}
      {p ? (
        <>
          {p.isDemo ? (
            <p>
              <DemoBadge />
            </p>
          ) : null}
          {hasStatedMinor(p) ? <Notice>{t('uppsok.minorNotice')}</Notice> : null}
          <section aria-labelledby="about-title">
            <h2 id="about-title">{t('uppsok.aboutTitle')}</h2>
            <dl className="facts">
              <dt>{t('uppsok.phones')}</dt>
              <dd>{p.phones.join(', ') || '–'}</dd>
              <dt>{t('uppsok.places')}</dt>
              <dd>{p.municipalities.map((k) => k.name).join(', ') || '–'}</dd>
              <dt>{t('uppsok.seen')}</dt>
              <dd>
                {formatDay(p.firstSeen, locale)} – {formatDay(p.lastSeen, locale)}
              </dd>
              <dt>{t('uppsok.languages')}</dt>
              <dd>{p.languages.map((l) => languageName(l, locale)).join(', ') || '–'}</dd>
              <dt>{t('uppsok.statedAge')}</dt>
              <dd>{p.minStatedAge ?? '–'}</dd>
            </dl>
            {p.contributions.length ? (
              <>
                <h3>{t('uppsok.contributions')}</h3>
                <ul>
                  {p.contributions.map((c) => (
                    <li key={c.code}>{indicatorName(c.code, locale, t)}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('uppsok.historyTitle')}</h2>
            {p.history.length === 0 ? <p>{t('uppsok.historyEmpty')}</p> : null}
            <ul className="history" data-testid="history">
              {p.history.map((h) =>
                h.isOwn ? (
                  <li key={h.id}>
                    <p>
                      <strong>{dateTime(h.contactAt, locale)}</strong> · {h.kommun.name} · {channelName(h.channel, t)} ·{' '}
                      {outcomeName(h.outcome, t)} {h.workerName ? t('uppsok.by', { name: h.workerName }) : ''}
                    </p>
                    {h.referral ? <p className="tag">{t(`uppsok.referral.${h.referral.kind}`)}</p> : null}
                    {h.message ? (
                      <p lang={h.language ?? undefined}>
                        {t('uppsok.messageUsed')}: {h.message}
                      </p>
                    ) : null}
                    {h.note ? (
                      <p>
                        {t('uppsok.note')}: {h.note}
                      </p>
                    ) : null}
                    {h.followUpOn ? <p className="hint">{t('uppsok.followUpOn', { day: formatDay(h.followUpOn, locale) })}</p> : null}
                  </li>
                ) : (
                  <li key={h.id}>
                    <p>
                      <strong>{formatDay(h.day, locale)}</strong> · {h.kommun.name} ·{' '}
                      {t('uppsok.otherContact', { organisation: h.organisation.name })}
                    </p>
                    <p className="hint">{t('uppsok.historyOther')}</p>
                  </li>
                ),
              )}
            </ul>
          </section>
          <section aria-labelledby="conversation-title">
            <h2 id="conversation-title">{t('uppsok.conversationTitle')}</h2>
            {p.conversation.length === 0 ? <p>{t('uppsok.conversationEmpty')}</p> : null}
            <ol className="conversation" data-testid="conversation">
              {p.conversation.map((m) => (
                <li key={m.id} className={`conversation__msg conversation__msg--${m.direction}`}>
                  <p className="hint">
                    {m.direction === 'out' ? t('uppsok.smsOut') : t('uppsok.smsIn')} · {dateTime(m.at, locale)} ·{' '}
                    {t(`uppsok.smsStatus.${m.status as 'sent'}`)}
                  </p>
                  <p>{m.body}</p>
                </li>
              ))}
            </ol>
            <button type="button" className="button button--secondary button--small" onClick={profile.reload}>
              {t('uppsok.reload')}
            </button>
          </section>
          <ContactForm profile={p} templates={templates.data ?? []} onSaved={profile.reload} />
        </>
      ) : null}
    </>
  );
}

export function ProfileOutreachPage() {
  const { id = '' } = useParams();
  return (
    <div>
      <PurposeGate idPrefix="uppsokProfile">{(purpose) => <ProfileOutreach id={id} purpose={purpose} />}</PurposeGate>
    </div>
  );
}
