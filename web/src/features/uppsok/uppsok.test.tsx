import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ContactCreateInput, ProfileOutreachDto, QueueDto, TemplateDto } from '../../../../src/contracts/outreach';
import { App } from '../../app';
import { givePurpose } from '../../test/link-fixtures';
import { buildMe, renderWithProviders, stubFetch } from '../../test/render';

const UMEA = { code: '2480', name: 'Umeå' };
const QUEUE: QueueDto = {
  area: [UMEA],
  items: [
    {
      profileId: 'pf-aaaaaaaaaaaa',
      names: ['mia'],
      municipalities: [UMEA],
      kommun: UMEA,
      adCount: 2,
      firstSeen: '2026-03-01',
      lastSeen: '2026-03-02',
      daysSinceFirstSeen: 1,
      score: 44.5,
      contributions: [{ code: 'YOUTH_WORDING', weight: 0.2 }],
      languages: ['ron'],
      hasYouthIndicators: true,
      priority: 112,
      reasons: [
        { code: 'youth_wording' },
        { code: 'new', days: 1 },
        { code: 'risk', score: 44.5 },
        { code: 'language', languages: ['ron'] },
      ],
      status: 'not_contacted',
      earlierElsewhere: [
        { id: 'c1', kommun: { code: '2580', name: 'Luleå' }, day: '2026-02-20', organisation: { id: 'o2', name: 'Luleå kommun' } },
      ],
      isDemo: false,
    },
  ],
};
const TEMPLATE: TemplateDto = {
  id: 'first-contact-sv',
  language: 'sv',
  name: 'Svenska',
  body: 'Hej! Jag heter {namn} och arbetar på {organisation}. Stödet är kostnadsfritt och frivilligt. Att sälja sex är inte ett brott i Sverige. Ring {telefon}.',
  markers: { freeAndVoluntary: 'kostnadsfritt och frivilligt', notACrime: 'inte ett brott' },
  needsNativeReview: false,
  isActive: true,
  missing: [],
  updatedAt: '2026-03-01T00:00:00Z',
};
const PROFILE: ProfileOutreachDto = {
  profileId: 'pf-aaaaaaaaaaaa',
  names: ['mia'],
  phones: ['+46701234567'],
  municipalities: [UMEA],
  firstSeen: '2026-03-01',
  lastSeen: '2026-03-02',
  score: 44.5,
  contributions: [{ code: 'YOUTH_WORDING', weight: 0.2 }],
  timeline: [],
  languages: ['ron'],
  minStatedAge: null,
  isDemo: false,
  history: [
    {
      isOwn: false,
      id: 'c1',
      kommun: { code: '2580', name: 'Luleå' },
      day: '2026-02-20',
      organisation: { id: 'o2', name: 'Luleå kommun' },
    },
  ],
  conversation: [],
  contactKommuner: [UMEA],
  canSendSms: false,
  supportContact: '+46766860000',
};

const me = buildMe({
  roles: ['uppsokare'],
  modules: ['uppsok'],
  displayName: 'Ulla Uppsökare',
  organisation: { id: 'o1', name: 'Umeå kommun', kind: 'socialtjanst' },
});

describe('Uppsök', () => {
  it('shows the queue after the purpose, with the reasons in words and of another kommun’s contact only whom to call', async () => {
    const calls = stubFetch((call) => (call.path.startsWith('/api/outreach/queue') ? { status: 200, body: QUEUE } : undefined));
    renderWithProviders(<App />, { session: { status: 'authenticated', me }, path: '/uppsok', locale: 'sv' });
    expect(screen.getByRole('heading', { level: 1, name: 'Uppsökskö' })).toBeTruthy();
    await givePurpose('uppsok', 'v. 10');
    const table = await screen.findByRole('table', { name: '1 personer att kontakta, viktigast först' });
    const row = within(table).getByTestId('queue-row');
    expect(row.textContent).toContain('Betonar ungdom');
    expect(row.textContent).toContain('Ny: först sedd för 1 dagar sedan');
    expect(row.textContent).toContain('Riskpoäng 44,5');
    expect(row.textContent).toContain('Språk: rumänska');
    expect(row.textContent).toContain('i Luleå: Luleå kommun har haft kontakt – ring dem för att samordna');
    const earlier = within(row).getByText(/har haft kontakt/).textContent ?? '';
    for (const outcome of ['tackade', 'kontaktad', 'nådd', 'SMS']) expect(earlier).not.toContain(outcome);
    expect(calls.find((c) => c.path.startsWith('/api/outreach/queue'))?.headers['x-fyren-purpose']).toBe(
      encodeURIComponent('Uppsök: v. 10'),
    );
  });

  it('fills a message from a template, names a missing outcome, and saves a contact that becomes a referral', async () => {
    const posted: ContactCreateInput[] = [];
    stubFetch((call) => {
      if (call.path.startsWith('/api/outreach/profiles/')) return { status: 200, body: PROFILE };
      if (call.path === '/api/outreach-templates') return { status: 200, body: { items: [TEMPLATE] } };
      if (call.path === '/api/outreach/contacts') {
        posted.push(call.body as ContactCreateInput);
        return {
          status: 201,
          body: {
            id: 'c2',
            referral: {
              id: 'r1',
              kind: 'case_intake',
              unitKind: 'adult',
              unitName: 'Vuxenenheten',
              status: 'new',
              legalBasis: null,
              kommun: UMEA,
              createdAt: '2026-03-02T08:00:00Z',
            },
          },
        };
      }
      return undefined;
    });
    renderWithProviders(<App />, { session: { status: 'authenticated', me }, path: '/uppsok/profil/pf-aaaaaaaaaaaa', locale: 'sv' });
    await givePurpose('uppsok', 'v. 10');
    await screen.findByRole('heading', { level: 1, name: 'Kontakt med mia' });
    expect(
      screen.getByText('Annan organisations kontakt: bara att kontakt finns och vem du ringer visas, aldrig utfallet (sekretess).'),
    ).toBeTruthy();
    expect(screen.getByTestId('history').textContent).toContain('Luleå kommun har haft kontakt – ring dem för att samordna');
    expect(screen.getByTestId('history').textContent).not.toMatch(/tackade|kontaktad|SMS/);
    expect(screen.getByText(/Ingen SMS-tjänst är kopplad/)).toBeTruthy();
    await screen.findByRole('option', { name: 'Svenska' });
    fireEvent.change(screen.getByLabelText(/^Meddelandemall/), { target: { value: 'first-contact-sv' } });
    const message = screen.getByLabelText(/^Meddelandet/) as HTMLTextAreaElement;
    expect(message.value).toBe(
      'Hej! Jag heter Ulla Uppsökare och arbetar på Umeå kommun. Stödet är kostnadsfritt och frivilligt. Att sälja sex är inte ett brott i Sverige. Ring +46766860000.',
    );
    expect(message.getAttribute('lang')).toBe('sv');
    fireEvent.change(screen.getByLabelText(/^Kanal/), { target: { value: 'call' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara kontakten' }));
    expect((await screen.findAllByText('Välj utfall')).length).toBeGreaterThan(0);
    expect(posted).toHaveLength(0);
    fireEvent.change(screen.getByLabelText(/^Utfall/), { target: { value: 'accepted_help' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara kontakten' }));
    await screen.findByText('Kontakten är sparad. Hänvisad till vuxenenheten (ärendeinledning): Vuxenenheten.');
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({
      profileId: 'pf-aaaaaaaaaaaa',
      kommun: '2480',
      channel: 'call',
      outcome: 'accepted_help',
      templateId: 'first-contact-sv',
      language: 'sv',
      contactPoint: '+46701234567',
    });
  });

  it('starts the contact form of a profile with a stated minor on the children’s route (orosanmälan)', async () => {
    const posted: ContactCreateInput[] = [];
    const minor: ProfileOutreachDto = { ...PROFILE, minStatedAge: 16, contributions: [{ code: 'STATED_MINOR', weight: 0.5 }] };
    stubFetch((call) => {
      if (call.path.startsWith('/api/outreach/profiles/')) return { status: 200, body: minor };
      if (call.path === '/api/outreach-templates') return { status: 200, body: { items: [TEMPLATE] } };
      if (call.path === '/api/outreach/contacts') {
        posted.push(call.body as ContactCreateInput);
        return { status: 201, body: { id: 'c3', referral: null } };
      }
      return undefined;
    });
    renderWithProviders(<App />, { session: { status: 'authenticated', me }, path: '/uppsok/profil/pf-aaaaaaaaaaaa', locale: 'sv' });
    await givePurpose('uppsok', 'v. 10');
    await screen.findByRole('heading', { level: 1, name: 'Kontakt med mia' });
    expect(screen.getByText('En angiven ålder under 18 år: personen är ett barn. Gör en orosanmälan till barn och unga.')).toBeTruthy();
    const outcome = screen.getByLabelText(/^Utfall/) as HTMLSelectElement;
    expect(outcome.value).toBe('signs_of_minor');
    expect(screen.getByText('Förvalt eftersom annonsen uppger en ålder under 18 år: orosanmälan till barn och unga.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Kanal/), { target: { value: 'call' } });
    fireEvent.click(screen.getByRole('button', { name: 'Spara kontakten' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ outcome: 'signs_of_minor', channel: 'call' });
  });

  it('leaves the outcome empty when no age under 18 is stated', async () => {
    stubFetch((call) => {
      if (call.path.startsWith('/api/outreach/profiles/')) return { status: 200, body: { ...PROFILE, minStatedAge: 19 } };
      if (call.path === '/api/outreach-templates') return { status: 200, body: { items: [TEMPLATE] } };
      return undefined;
    });
    renderWithProviders(<App />, { session: { status: 'authenticated', me }, path: '/uppsok/profil/pf-aaaaaaaaaaaa', locale: 'sv' });
    await givePurpose('uppsok', 'v. 10');
    await screen.findByRole('heading', { level: 1, name: 'Kontakt med mia' });
    expect((screen.getByLabelText(/^Utfall/) as HTMLSelectElement).value).toBe('');
    expect(screen.queryByText(/personen är ett barn/)).toBeNull();
  });

  it('says which placeholder is empty and neither sends nor copies the message until it is filled in', async () => {
    const sent: unknown[] = [];
    stubFetch((call) => {
      if (call.path.startsWith('/api/outreach/profiles/') && call.path.endsWith('/sms')) {
        sent.push(call.body);
        return {
          status: 201,
          body: { id: 's1', direction: 'out', phone: '+46701234567', body: '', status: 'sent', at: '2026-03-02T08:00:00Z' },
        };
      }
      if (call.path.startsWith('/api/outreach/profiles/'))
        return { status: 200, body: { ...PROFILE, canSendSms: true, supportContact: null } };
      if (call.path === '/api/outreach-templates') return { status: 200, body: { items: [TEMPLATE] } };
      return undefined;
    });
    renderWithProviders(<App />, { session: { status: 'authenticated', me }, path: '/uppsok/profil/pf-aaaaaaaaaaaa', locale: 'sv' });
    await givePurpose('uppsok', 'v. 10');
    await screen.findByRole('option', { name: 'Svenska' });
    fireEvent.change(screen.getByLabelText(/^Meddelandemall/), { target: { value: 'first-contact-sv' } });
    const message = screen.getByLabelText(/^Meddelandet/) as HTMLTextAreaElement;
    expect(message.value).toContain('Ring {telefon}.');
    expect(screen.getByText(/\{telefon\} är inte ifyllt: skriv in stödnumret/)).toBeTruthy();
    expect(message.getAttribute('aria-invalid')).toBe('true');
    const send = screen.getByRole('button', { name: /Skicka som SMS/ }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Kopiera meddelandet' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(send);
    fireEvent.change(message, { target: { value: message.value.replace('{telefon}', '020-390 000') } });
    expect(screen.queryByText(/är inte ifyllt/)).toBeNull();
    expect(send.disabled).toBe(false);
    fireEvent.click(send);
    await waitFor(() => expect(sent).toHaveLength(1));
  });
});
