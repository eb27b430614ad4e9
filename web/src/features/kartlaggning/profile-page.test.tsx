import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import type { CorrectionDto, ProfileDto } from '../../../../src/contracts/links';
import { App } from '../../app';
import { buildProfile, givePurpose, SHA } from '../../test/link-fixtures';
import { apiError, buildMe, renderWithProviders, stubFetch, type FakeAnswer, type FakeCall } from '../../test/render';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

/** jsdom has no object URLs; a subclass keeps the real URL for everything else. */
function stubObjectUrls() {
  let n = 0;
  const revoked: string[] = [];
  class FakeUrl extends URL {
    static override createObjectURL = vi.fn(() => `blob:fyren/${++n}`);
    static override revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
  }
  vi.stubGlobal('URL', FakeUrl);
  return revoked;
}

function renderPage({
  profile = buildProfile(),
  me = buildMe(),
  onCorrection,
  locale = 'sv',
}: { profile?: ProfileDto; me?: ReturnType<typeof buildMe>; onCorrection?: (call: FakeCall) => FakeAnswer; locale?: 'sv' | 'en' } = {}) {
  const state = { profile };
  const calls = stubFetch((call) => {
    if (call.method === 'GET' && call.path === `/api/profiles/${profile.id}`) return { status: 200, body: state.profile };
    if (call.path.startsWith('/api/images/')) return { status: 200, raw: JPEG, headers: { 'content-type': 'image/jpeg' } };
    if (call.method === 'POST' && call.path === '/api/links/corrections') return onCorrection?.(call);
    return undefined;
  });
  const revoked = stubObjectUrls();
  renderWithProviders(<App />, { session: { status: 'authenticated', me }, path: `/kartlaggning/profiler/${profile.id}`, locale });
  return { calls, state, revoked };
}

describe('Kartläggning: one profile', () => {
  it('reads the profile with the purpose and shows its facts, DEMO and the way to its network', async () => {
    const { calls } = renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Profil' })).toBeTruthy();
    expect(calls.filter((c) => c.path.startsWith('/api/profiles'))).toHaveLength(0);
    await givePurpose();
    await screen.findByText('Annonser (3)');
    const read = calls.find((c) => c.path === '/api/profiles/pf-aaaaaaaaaaaa');
    expect(read?.headers['x-fyren-purpose']).toBe(encodeURIComponent('Kartläggning: v. 12 Umeå'));
    expect(screen.getByText(/Profilen bygger på genererade demodata/)).toBeTruthy();
    expect(screen.getByText('Ja, annonser i flera kommuner inom kort tid')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Visa nätverket som profilen ingår i' }).getAttribute('href')).toBe(
      '/kartlaggning/natverk/nw-bbbbbbbbbbbb',
    );
  });

  it('shows the score with every sign, its weight and evidence, as signs to weigh and never proof', async () => {
    renderPage();
    await givePurpose();
    const risk = await screen.findByRole('region', { name: 'Risk för utnyttjande: 52,4 av 100' });
    expect(risk.textContent).toContain('Tecken att väga in, aldrig bevis.');
    const items = within(risk).getAllByTestId('risk-contribution');
    expect(items.map((li) => within(li).getByRole('heading', { level: 3 }).textContent)).toEqual([
      'Samma nummer i annonser med olika namn',
      // From the indicator lexicon, in Swedish.
      'Turnerar mellan orter',
      'Ny i stan, nyss anländ eller bara här några dagar',
    ]);
    // Touring evidence names the kommun, not its code.
    expect(items[1]?.textContent).toContain('Skellefteå 2026-03-06–2026-03-09');
    expect(items[0]?.textContent).toContain('Vikt 0,3');
    expect(items[0]?.textContent).toContain('Massage (demo-portal:2):');
    expect(items[0]?.textContent).toContain('+46701234567 med namnen lina, mia');
    expect(items[2]?.textContent).toContain('Ny i stan (demo-portal:1):');
    expect(items[2]?.textContent).toContain('ny i stan');
  });

  it('blurs every photo until its own button shows it; the alt text says where it is, not what it shows', async () => {
    const { calls } = renderPage();
    await givePurpose();
    const show = await screen.findByRole('button', { name: 'Visa bild: Bild 1 av 2 i annonsen Ny i stan' });
    await waitFor(() => expect((show as HTMLButtonElement).disabled).toBe(false));
    const figure = show.closest('figure')!;
    expect(figure.getAttribute('data-blurred')).toBe('true');
    expect(figure.querySelector('.photo__frame--blurred')).not.toBeNull();
    const img = within(figure).getByRole('img');
    expect(img.getAttribute('alt')).toBe('Bild 1 av 2 i annonsen Ny i stan, suddig');
    expect(img.getAttribute('src')).toMatch(/^blob:fyren\//);
    const imageCall = calls.find((c) => c.path === `/api/images/${SHA.a}`);
    expect(imageCall?.headers['x-fyren-purpose']).toBe(encodeURIComponent('Kartläggning: v. 12 Umeå'));

    fireEvent.click(show);
    expect(figure.getAttribute('data-blurred')).toBe('false');
    expect(figure.querySelector('.photo__frame--blurred')).toBeNull();
    expect(img.getAttribute('alt')).toBe('Bild 1 av 2 i annonsen Ny i stan');
    // The other photos stay blurred.
    const second = screen.getByRole('button', { name: 'Visa bild: Bild 2 av 2 i annonsen Ny i stan' }).closest('figure')!;
    expect(second.getAttribute('data-blurred')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Dölj bild: Bild 1 av 2 i annonsen Ny i stan' }));
    expect(figure.getAttribute('data-blurred')).toBe('true');
    expect(screen.getByText('Inga sparade bilder.')).toBeTruthy();
  });

  it('shows the timeline, a map of its kommuner, the evidence with refused edges marked, and the corrections', async () => {
    renderPage();
    await givePurpose();
    const timeline = await screen.findByRole('region', { name: 'Tidslinje' });
    expect([...timeline.querySelectorAll('ol.timeline li')].map((li) => li.textContent)).toEqual([
      'Umeå 1 mars 2026 – 4 mars 2026, 2 annonser',
      'Skellefteå 6 mars 2026 – 9 mars 2026, 1 annonser',
    ]);
    // The map zooms to Västerbottens län, where both kommuner are.
    expect(within(timeline).getByRole('img', { name: /Profilens kommuner/ })).toBeTruthy();
    const faded = (code: string) => timeline.querySelector(`path[data-code="${code}"]`)?.closest('g[opacity]') !== null;
    expect(faded('0180')).toBe(true);
    expect(faded('2480')).toBe(false);
    expect(document.body.querySelector('circle title')?.textContent).toMatch(/Umeå: 2|Skellefteå: 1/);

    const edges = screen.getByRole('table', { name: 'Kopplingar: 2 st' });
    const rows = within(edges).getAllByTestId('edge-row');
    expect(rows[0]?.textContent).toContain('Telefonnummer');
    expect(rows[0]?.textContent).toContain('+46701234567');
    expect(rows[0]?.textContent).toContain('Gäller');
    expect(rows[1]?.textContent).toContain('Samma bild');
    expect(rows[1]?.textContent).toMatch(/80\s%/);
    expect(within(rows[1]!).getByText('Avvisad')).toBeTruthy();

    const corrections = screen.getByRole('table', { name: 'Rättelser' });
    const row = within(corrections).getByTestId('correction-row');
    expect(row.textContent).toContain('Isärklippt');
    expect(row.textContent).toContain('Olika språk i texterna');
    expect(row.textContent).toContain('Karin Kartläggare');
    expect(row.textContent).toContain('demo-portal:2, demo-classifieds:7');
  });

  it('cuts two ads apart with a required reason, then lists the correction', async () => {
    const saved: CorrectionDto = {
      id: 'c-2',
      type: 'cut',
      level: 'profile',
      ads: ['demo-portal:1', 'demo-portal:2'],
      value: null,
      reason: 'Olika ålder och språk',
      author: 'Anna Andersson',
      createdAt: '2026-03-11T09:00:00.000Z',
    };
    const page = renderPage({
      onCorrection: () => {
        page.state.profile = { ...page.state.profile, corrections: [...page.state.profile.corrections, saved] };
        return { status: 201, body: saved };
      },
    });
    await givePurpose();
    const form = await screen.findByRole('form', { name: 'Rätta länkningen' });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara rättelsen' }));
    expect(screen.getAllByRole('alert')[0]?.textContent).toContain('Typ av rättelse: Välj vilken sorts rättelse det är.');

    fireEvent.click(within(form).getByLabelText('Inte samma person – klipp isär två annonser'));
    fireEvent.change(within(form).getByLabelText(/^Första annonsen/), { target: { value: 'demo-portal:1' } });
    fireEvent.change(within(form).getByLabelText(/^Andra annonsen/), { target: { value: 'demo-portal:1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara rättelsen' }));
    const alert = screen.getAllByRole('alert')[0]!;
    expect(alert.textContent).toContain('Andra annonsen: Välj två olika annonser.');
    expect(alert.textContent).toContain('Anledning: Skriv varför');
    expect(
      within(form)
        .getByLabelText(/^Anledning/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(page.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText(/^Andra annonsen/), { target: { value: 'demo-portal:2' } });
    fireEvent.change(within(form).getByLabelText(/^Anledning/), { target: { value: 'Olika ålder och språk' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara rättelsen' }));
    await screen.findByText('Rättelsen är sparad och länkningen är uppdaterad.');
    const post = page.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ type: 'cut', level: 'profile', a: 'demo-portal:1', b: 'demo-portal:2', reason: 'Olika ålder och språk' });
    const rows = await waitFor(() => {
      const list = within(screen.getByRole('table', { name: 'Rättelser' })).getAllByTestId('correction-row');
      expect(list).toHaveLength(2);
      return list;
    });
    expect(rows[1]?.textContent).toContain('Olika ålder och språk');
    expect(rows[1]?.textContent).toContain('Anna Andersson');
    // The profile was read again after the correction.
    expect(page.calls.filter((c) => c.path === '/api/profiles/pf-aaaaaaaaaaaa')).toHaveLength(2);
  });

  it('splits selected ads off and marks a wrongly read value, with the server’s field errors tied to fields', async () => {
    const page = renderPage({
      onCorrection: (call) =>
        (call.body as { type: string }).type === 'split'
          ? {
              status: 400,
              body: {
                error: {
                  code: 'VALIDATION_FAILED',
                  message: 'x',
                  requestId: 'r',
                  issues: [{ path: ['reason'], message: 'say why (at least 3 characters)' }],
                },
              },
            }
          : {
              status: 201,
              body: {
                id: 'c-3',
                type: 'wrong_extraction',
                level: null,
                ads: ['demo-portal:1'],
                value: '+46701234567',
                reason: 'Priset lästes som nummer',
                author: 'A',
                createdAt: '2026-03-11T09:00:00.000Z',
              },
            },
    });
    await givePurpose();
    const form = await screen.findByRole('form', { name: 'Rätta länkningen' });
    fireEvent.click(within(form).getByLabelText('Dela av valda annonser till en egen profil'));
    fireEvent.click(within(form).getByLabelText('Skellefteå nu (demo-classifieds:7)'));
    fireEvent.change(within(form).getByLabelText(/^Anledning/), { target: { value: 'Annan person' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara rättelsen' }));
    await waitFor(() => expect(screen.getAllByRole('alert')[0]?.textContent).toContain('Anledning: say why'));
    expect(page.calls.find((c) => c.method === 'POST')?.body).toEqual({
      type: 'split',
      level: 'profile',
      keep: ['demo-portal:1', 'demo-portal:2'],
      move: ['demo-classifieds:7'],
      reason: 'Annan person',
    });

    fireEvent.click(within(form).getByLabelText('Fel uppgift – ett nummer eller värde som lästs fel ur en annons'));
    fireEvent.change(within(form).getByLabelText(/^Annons/), { target: { value: 'demo-portal:1' } });
    const values = within(within(form).getByLabelText(/^Uppgift/))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(values).toEqual(['Välj uppgift', 'Telefonnummer: +46701234567']);
    fireEvent.change(within(form).getByLabelText(/^Uppgift/), { target: { value: 'phone\u0000+46701234567' } });
    fireEvent.change(within(form).getByLabelText(/^Anledning/), { target: { value: 'Priset lästes som nummer' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara rättelsen' }));
    await screen.findByText('Rättelsen är sparad och länkningen är uppdaterad.');
    expect(page.calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      type: 'wrong_extraction',
      ad: 'demo-portal:1',
      kind: 'phone',
      value: '+46701234567',
      reason: 'Priset lästes som nummer',
    });
  });

  it('shows each piece of evidence once, folds long lists, groups the links by value and shows ten ads at first', async () => {
    const base = buildProfile();
    const many = Array.from({ length: 12 }, (_, i) => ({
      ...base.ads[1]!,
      id: `ad-x${i}`,
      ref: `demo-portal:x${i}`,
      title: `Annons ${i}`,
    }));
    renderPage({
      profile: buildProfile({
        ads: many,
        contributions: [
          {
            code: 'LOW_PRICE',
            weight: 0.08,
            evidence: [
              ...Array.from({ length: 3 }, () => ({ ad: 'demo-portal:x0', text: '900:-' })),
              ...Array.from({ length: 7 }, (_, i) => ({ ad: `demo-portal:x${i + 1}`, text: '900:-' })),
            ],
          },
        ],
        edges: Array.from({ length: 11 }, (_, i) => ({ ...base.edges[0]!, a: 'demo-portal:x0', b: `demo-portal:x${i + 1}` })),
      }),
    });
    await givePurpose();
    const sign = await screen.findByTestId('risk-contribution');
    expect(within(sign).getByRole('heading', { level: 3 }).textContent).toBe('Mycket lågt pris');
    // 8 different (ad, text) pairs: 5 shown, 3 behind "Visa 3 till".
    expect(sign.querySelectorAll('li')).toHaveLength(8);
    expect(within(sign).getByText('Visa 3 till').tagName).toBe('SUMMARY');
    expect(sign.querySelector('details')?.querySelectorAll('li')).toHaveLength(3);

    const groups = screen.getByRole('table', { name: 'Delade uppgifter, flest annonspar först (11 kopplingar)' });
    const rows = within(groups).getAllByTestId('edge-group');
    expect(rows).toHaveLength(1);
    expect([...rows[0]!.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\u00a0/g, ' '))).toEqual([
      'Telefonnummer',
      '+46701234567',
      '11',
      '100 %',
      'Gäller',
    ]);
    // Eleven pairs: the pair-by-pair table starts folded.
    expect(screen.getByText('Alla 11 kopplingar, par för par').closest('details')?.open).toBe(false);

    expect(screen.getAllByTestId('profile-ad')).toHaveLength(10);
    const more = screen.getByRole('button', { name: 'Visa alla 12 annonser' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(screen.getAllByTestId('profile-ad')).toHaveLength(12);
    expect(more.getAttribute('aria-expanded')).toBe('true');
  });

  it('offers no correction form to a samordnare; the back link leads to the list', async () => {
    renderPage({
      me: buildMe({ roles: ['samordnare'], capabilities: { exportEvidence: false, correctLinks: false, startCrawls: false } }),
    });
    await givePurpose();
    await screen.findByText('Annonser (3)');
    expect(screen.queryByRole('form', { name: 'Rätta länkningen' })).toBeNull();

    stubFetch(() => apiError(404, 'NOT_FOUND', 'no profile'));
    fireEvent.click(screen.getByRole('link', { name: 'Till alla profiler' }));
    await screen.findByRole('heading', { level: 1, name: 'Profiler' });
  });

  it('says the profile does not exist on a 404', async () => {
    stubObjectUrls();
    stubFetch(() => apiError(404, 'NOT_FOUND', 'no profile'));
    renderWithProviders(<App />, { session: { status: 'authenticated', me: buildMe() }, path: '/kartlaggning/profiler/pf-000000000000' });
    await givePurpose();
    expect((await screen.findByRole('alert')).textContent).toContain('Profilen finns inte.');
  });

  it('has no axe violations', async () => {
    renderPage();
    await givePurpose();
    await waitFor(() => expect((screen.getAllByRole('button', { name: /^Visa bild/ })[0] as HTMLButtonElement).disabled).toBe(false));
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  }, 60_000);
});
