import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AdListItemDto } from '../../../../src/contracts/ads';
import { App } from '../../app';
import { apiError, buildMe, renderWithProviders, stubFetch, type FakeAnswer, type FakeCall } from '../../test/render';

const PLACES = {
  kommuner: [
    { code: '2480', name: 'Umeå', countyCode: '24' },
    { code: '0180', name: 'Stockholm', countyCode: '01' },
    { code: '1480', name: 'Göteborg', countyCode: '14' },
    { code: '0114', name: 'Upplands Väsby', countyCode: '01' },
  ],
  lan: [
    { code: '24', name: 'Västerbottens län', policeRegion: 'Nord' },
    { code: '01', name: 'Stockholms län', policeRegion: 'Stockholm' },
    { code: '14', name: 'Västra Götalands län', policeRegion: 'Väst' },
  ],
  polisregioner: ['Nord', 'Stockholm', 'Väst'],
};

function ad(overrides: Partial<AdListItemDto>): AdListItemDto {
  return {
    id: 'a1',
    ref: 'demo:1',
    source: 'demo',
    title: 'Ny i stan',
    location: 'Umeå centrum',
    municipality: { code: '2480', name: 'Umeå' },
    phones: ['+46701234567'],
    firstSeenAt: '2026-03-01T10:00:00.000Z',
    lastSeenAt: '2026-03-10T18:30:00.000Z',
    isDemo: false,
    ...overrides,
  };
}

function renderPage(respondAds: (call: FakeCall) => FakeAnswer, locale: 'sv' | 'en' = 'sv', me = buildMe()) {
  const calls = stubFetch((call) => {
    if (call.path === '/api/places') return { status: 200, body: PLACES };
    if (call.path.startsWith('/api/ads')) return respondAds(call);
    return undefined;
  });
  renderWithProviders(<App />, { session: { status: 'authenticated', me }, path: '/kartlaggning', locale });
  return calls;
}

const adCalls = (calls: FakeCall[]) => calls.filter((call) => call.path.startsWith('/api/ads'));

async function givePurpose(kind: string, reference: string) {
  await screen.findByRole('option', { name: 'Umeå' });
  fireEvent.change(screen.getByLabelText(/^Typ av syfte/), { target: { value: kind } });
  fireEvent.change(screen.getByLabelText(/^Referens/), { target: { value: reference } });
}

describe('Kartläggning: ad search', () => {
  it('sends no search until a purpose is given, and ties the message to the field', async () => {
    const calls = renderPage(() => ({ status: 200, body: { items: [] } }));
    expect(screen.getByRole('heading', { level: 1, name: 'Annonser' })).toBeTruthy();
    expect(document.title).toBe('Annonser – Kartläggning – Fyren');
    expect(screen.getByRole('group', { name: 'Syfte med sökningen' }).textContent).toContain('loggas i granskningsloggen');
    await screen.findByRole('option', { name: 'Umeå' });

    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Typ av syfte: Välj vilket slags syfte sökningen har.');
    expect(alert.textContent).toContain('Referens: Ange en referens för syftet');
    const reference = screen.getByLabelText(/^Referens/);
    expect(reference.getAttribute('aria-invalid')).toBe('true');
    const describedBy = reference.getAttribute('aria-describedby') ?? '';
    expect(describedBy).toContain('adsPurposeRef-error');
    expect(document.getElementById('adsPurposeRef-error')?.textContent).toContain('Ange en referens för syftet');
    expect(adCalls(calls)).toHaveLength(0);

    // A kind without a reference is not enough either.
    fireEvent.change(screen.getByLabelText(/^Typ av syfte/), { target: { value: 'uppsok' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));
    expect(screen.getByRole('alert').textContent).toContain('Referens:');
    expect(adCalls(calls)).toHaveLength(0);

    // The server's rule (core/shared/purpose.ts): at least three characters, so two are refused here too.
    fireEvent.change(screen.getByLabelText(/^Referens/), { target: { value: ' v1 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));
    expect(screen.getByRole('alert').textContent).toContain('Referens:');
    expect(adCalls(calls)).toHaveLength(0);
  });

  it('sends the purpose percent-encoded in x-fyren-purpose, with the filters in the query', async () => {
    const calls = renderPage(() => ({ status: 200, body: { items: [] } }));
    await givePurpose('kartlaggning', 'v. 12 Umeå');
    // The kommun list is sorted by name in Swedish order, after "Alla".
    const kommunOptions = within(screen.getByLabelText(/^Kommun/)).getAllByRole('option');
    expect(kommunOptions.map((option) => option.textContent)).toEqual(['Alla', 'Göteborg', 'Stockholm', 'Umeå', 'Upplands Väsby']);
    fireEvent.change(screen.getByLabelText(/^Fritext/), { target: { value: 'massage' } });
    fireEvent.change(screen.getByLabelText(/^Kommun/), { target: { value: '2480' } });
    fireEvent.change(screen.getByLabelText(/^Från och med/), { target: { value: '2026-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));

    await screen.findByText('Inga annonser matchar sökningen. Prova med färre filter eller andra ord.');
    const [call] = adCalls(calls);
    expect(call?.headers['x-fyren-purpose']).toBe(encodeURIComponent('Kartläggning: v. 12 Umeå'));
    expect(call?.headers['x-fyren-purpose']).toBe('Kartl%C3%A4ggning%3A%20v.%2012%20Ume%C3%A5');
    expect(call?.path).toBe('/api/ads?q=massage&kommun=2480&from=2026-03-01&limit=100');
    // Focus moves to the results heading.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Sökresultat' })));
  });

  it('shows a DEMO badge in demo rows and a notice above the table', async () => {
    renderPage(() => ({
      status: 200,
      body: {
        items: [
          ad({ id: 'a1', title: 'Påhittad annons', isDemo: true }),
          ad({ id: 'a2', title: 'Verklig annons', source: 'sajt', isDemo: false, municipality: null, location: null, phones: [] }),
        ],
      },
    }));
    await givePurpose('arende', 'Ä-2026-123');
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));

    const table = await screen.findByRole('table', { name: 'Annonser: 2 träffar, senast sedda först' });
    expect(screen.getByText(/Resultaten innehåller genererade demodata/)).toBeTruthy();
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    // A kartläggare may export evidence, so the table has a column for it.
    expect(headers).toEqual(['Källa', 'Rubrik', 'Ort/kommun', 'Telefon', 'Först sedd', 'Senast sedd', 'Bevis']);

    const demoRow = within(table).getByRole('row', { name: /Påhittad annons/ });
    expect(within(demoRow).getByText('DEMO')).toBeTruthy();
    expect(demoRow.textContent).toContain('Umeå');
    expect(demoRow.textContent).toContain('+46701234567');
    // Dates in Swedish form.
    expect(demoRow.textContent).toContain(
      new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-03-10T18:30:00.000Z')),
    );

    const realRow = within(table).getByRole('row', { name: /Verklig annons/ });
    expect(within(realRow).queryByText('DEMO')).toBeNull();
    expect(realRow.textContent).toContain('Okänd kommun');
  });

  it('shows no demo notice when no result is demo data', async () => {
    renderPage(() => ({ status: 200, body: { items: [ad({ isDemo: false })] } }));
    await givePurpose('utbildning', 'Kvalitetsgranskning');
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));
    await screen.findByRole('table');
    expect(screen.queryByText(/genererade demodata/)).toBeNull();
    expect(screen.queryByText('DEMO')).toBeNull();
  });

  it('shows an API validation error naming the field, tied to it', async () => {
    const calls = renderPage(() => ({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '"070" is not a valid phone number',
          requestId: 'req-1',
          issues: [{ path: ['phone'], message: '"070" is not a valid phone number' }],
        },
      },
    }));
    await givePurpose('insats', 'Op 44');
    fireEvent.change(screen.getByLabelText(/^Telefon/), { target: { value: '070' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Telefon: Numret går inte att tolka'));
    expect(adCalls(calls)[0]?.path).toBe('/api/ads?phone=070&limit=100');
    const phone = screen.getByLabelText(/^Telefon/);
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(phone.getAttribute('aria-describedby')).toContain('adsPhone-error');
    expect(
      within(screen.getByRole('alert'))
        .getByRole('link', { name: /^Telefon:/ })
        .getAttribute('href'),
    ).toBe('#adsPhone');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('works in English: purpose label in the header, English dates', async () => {
    const calls = renderPage(() => ({ status: 200, body: { items: [ad({ isDemo: true })] } }), 'en');
    expect(screen.getByRole('heading', { level: 1, name: 'Ads' })).toBeTruthy();
    await screen.findByRole('option', { name: 'Umeå' });
    fireEvent.change(screen.getByLabelText(/^Kind of purpose/), { target: { value: 'uppsok' } });
    fireEvent.change(screen.getByLabelText(/^Reference/), { target: { value: 'week 12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByRole('table');
    expect(adCalls(calls)[0]?.headers['x-fyren-purpose']).toBe(encodeURIComponent('Outreach: week 12'));
    expect(screen.getByText(/The results contain generated demo data/)).toBeTruthy();
    expect(screen.getByRole('table').textContent).toContain(
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-03-10T18:30:00.000Z')),
    );
  });
});

describe('Kartläggning: evidence export from the results', () => {
  const TAR = new Uint8Array(2048).fill(7);
  const respond = (evidence: FakeAnswer) => (call: FakeCall) =>
    call.path.includes('/evidence') ? evidence : { status: 200, body: { items: [ad({ id: 'ad-1', title: 'Ny i stan' })] } };

  function spyDownload() {
    const created: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:fyren/1';
    });
    const revokeObjectURL = vi.fn();
    // jsdom has no object URLs; a subclass keeps the real URL for everything else.
    class FakeUrl extends URL {
      static override createObjectURL = createObjectURL;
      static override revokeObjectURL = revokeObjectURL;
    }
    vi.stubGlobal('URL', FakeUrl);
    const clicked: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    return { created, clicked, click };
  }

  it('sends the purpose of the search in x-fyren-purpose and downloads the tar under its filename', async () => {
    const calls = renderPage(
      respond({
        status: 200,
        raw: TAR,
        headers: { 'content-type': 'application/x-tar', 'content-disposition': 'attachment; filename="fyren-evidence-demo-portal-42.tar"' },
      }),
    );
    const { created, clicked, click } = spyDownload();
    await givePurpose('arende', 'Ä-2026-7');
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));
    await screen.findByRole('table');

    const button = screen.getByRole('button', { name: 'Exportera bevis: Ny i stan' });
    fireEvent.click(button);
    await screen.findByText(/har laddats ner som fyren-evidence-demo-portal-42\.tar/);

    const exportCall = calls.find((call) => call.path.includes('/evidence'));
    expect(exportCall?.path).toBe('/api/ads/ad-1/evidence');
    expect(exportCall?.headers['x-fyren-purpose']).toBe(encodeURIComponent('Ärende: Ä-2026-7'));
    expect(click).toHaveBeenCalledTimes(1);
    expect(clicked[0]).toEqual({ href: 'blob:fyren/1', download: 'fyren-evidence-demo-portal-42.tar' });
    expect(created[0]?.size).toBe(2048);
    // The temporary link is gone again.
    expect(document.querySelector('a[download]')).toBeNull();
    click.mockRestore();
  });

  it('says so in the alert area when the ad has no stored page (404)', async () => {
    renderPage(respond(apiError(404, 'NOT_FOUND', 'no captures')));
    const { click } = spyDownload();
    await givePurpose('kartlaggning', 'v. 12');
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'Exportera bevis: Ny i stan' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Ingen sparad sida för den här annonsen'));
    expect(click).not.toHaveBeenCalled();
    click.mockRestore();
  });

  it('offers no export to roles that may not export', async () => {
    renderPage(
      respond({ status: 500 }),
      'sv',
      buildMe({ roles: ['samordnare'], capabilities: { exportEvidence: false, correctLinks: false, startCrawls: false } }),
    );
    await givePurpose('kartlaggning', 'v. 12');
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));
    await screen.findByRole('table');
    expect(screen.queryByRole('button', { name: /Exportera bevis/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Bevis' })).toBeNull();
  });
});

describe('Kartläggning: ad search by indicator and by picture', () => {
  it('filters by an indicator chosen by its readable name', async () => {
    const calls = renderPage(() => ({ status: 200, body: { items: [] } }));
    await givePurpose('kartlaggning', 'v. 12');
    const select = screen.getByLabelText(/^Tecken att väga in/);
    const options = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options[0]).toBe('Alla');
    expect(options).toContain('Ny i stan, nyss anländ eller bara här några dagar');
    expect(options).not.toContain('NEW_IN_TOWN');
    expect(screen.getByText(/aldrig ett bevis/)).toBeTruthy();
    fireEvent.change(select, { target: { value: 'NEW_IN_TOWN' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));
    await screen.findByText(/Inga annonser matchar/);
    expect(adCalls(calls)[0]?.path).toBe('/api/ads?indicator=NEW_IN_TOWN&limit=100');
  });

  it('searches with a picture: the bytes as the body, the purpose in the header, the difference per ad', async () => {
    const calls = renderPage((call) =>
      call.path.startsWith('/api/ads/by-image')
        ? {
            status: 200,
            body: {
              phash: '0123456789abcdef',
              maxDistance: 6,
              items: [{ ...ad({ title: 'Samma bild' }), distance: 2, imageSha256: 'f'.repeat(64) }],
            },
          }
        : { status: 200, body: { items: [] } },
    );
    await givePurpose('arende', 'Ä-2026-1');
    expect(screen.getByRole('group', { name: 'Sök med en bild' }).textContent).toContain('aldrig ansikten');
    // No picture chosen: said at the field, nothing sent.
    fireEvent.click(screen.getByRole('button', { name: 'Sök med bilden' }));
    expect(screen.getByRole('alert').textContent).toContain('Bild: Välj en bild att söka med.');
    expect(adCalls(calls)).toHaveLength(0);

    const picture = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'bild.jpg', { type: 'image/jpeg' });
    fireEvent.change(screen.getByLabelText(/^Bild/), { target: { files: [picture] } });
    fireEvent.click(screen.getByRole('button', { name: 'Sök med bilden' }));
    const table = await screen.findByRole('table', { name: 'Annonser med samma bild: 1 träffar, mest lika först' });
    const [call] = adCalls(calls);
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/api/ads/by-image');
    expect(call?.rawBody).toBe(picture);
    expect(call?.headers['content-type']).toBe('image/jpeg');
    expect(call?.headers['x-fyren-purpose']).toBe(encodeURIComponent('Ärende: Ä-2026-1'));
    expect(within(table).getByRole('columnheader', { name: 'Skillnad' })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Samma bild/ }).textContent).toContain('2 av 64 bitar');
  });

  it('refuses a file that is not a picture, or too large, before sending; maps the server’s refusal to the field', async () => {
    const calls = renderPage(() => ({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'not a picture',
          requestId: 'r',
          issues: [{ path: ['image'], message: 'not a picture' }],
        },
      },
    }));
    await givePurpose('kartlaggning', 'v. 12');
    fireEvent.change(screen.getByLabelText(/^Bild/), { target: { files: [new File(['x'], 'a.txt', { type: 'text/plain' })] } });
    fireEvent.click(screen.getByRole('button', { name: 'Sök med bilden' }));
    expect(screen.getByRole('alert').textContent).toContain('Filen är ingen bild.');
    const huge = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'stor.jpg', { type: 'image/jpeg' });
    fireEvent.change(screen.getByLabelText(/^Bild/), { target: { files: [huge] } });
    fireEvent.click(screen.getByRole('button', { name: 'Sök med bilden' }));
    expect(screen.getByRole('alert').textContent).toContain('Bilden är större än 10 MB.');
    expect(adCalls(calls)).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(/^Bild/), { target: { files: [new File(['x'], 'trasig.jpg', { type: 'image/jpeg' })] } });
    fireEvent.click(screen.getByRole('button', { name: 'Sök med bilden' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Filen gick inte att läsa som en bild.'));
    expect(screen.getByLabelText(/^Bild/).getAttribute('aria-invalid')).toBe('true');
  });

  it('remembers the purpose of a search for the session', async () => {
    renderPage(() => ({ status: 200, body: { items: [] } }));
    await givePurpose('insats', 'Op 7');
    fireEvent.click(screen.getByRole('button', { name: 'Sök' }));
    await screen.findByText(/Inga annonser matchar/);
    cleanup();
    renderPage(() => ({ status: 200, body: { items: [] } }));
    expect((screen.getByLabelText(/^Typ av syfte/) as HTMLSelectElement).value).toBe('insats');
    expect((screen.getByLabelText(/^Referens/) as HTMLInputElement).value).toBe('Op 7');
  });
});
