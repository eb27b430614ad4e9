import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CrawlRun, CrawlSource } from '../../api/endpoints';
import { App } from '../../app';
import { apiError, buildMe, renderWithProviders, stubFetch, type FakeAnswer, type FakeCall } from '../../test/render';
import { SourcesPage } from './sources-page';

function run(overrides: Partial<CrawlRun>): CrawlRun {
  return {
    id: 'r0',
    sourceId: 'demo-portal',
    status: 'complete',
    startedAt: '2026-03-10T18:00:00.000Z',
    finishedAt: '2026-03-10T18:05:00.000Z',
    trigger: 'web',
    errorSample: [],
    pages: 3,
    ads: 40,
    newAds: 40,
    changedAds: 0,
    removedAds: 0,
    reposts: 0,
    errors: 0,
    ...overrides,
  };
}

function source(overrides: Partial<CrawlSource> = {}): CrawlSource {
  return {
    id: 'demo-portal',
    name: 'Annonsportalen (DEMO)',
    kind: 'escort-portal',
    isDemo: true,
    baseUrl: 'http://127.0.0.1:4101',
    scheduleMinutes: null,
    lastRun: run({}),
    ...overrides,
  };
}

const runCalls = (calls: FakeCall[]) => calls.filter((call) => call.path.startsWith('/api/crawl/runs'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Answers GET /api/crawl/runs from a list, repeating the last answer. */
function sequence(answers: CrawlRun[]) {
  let i = 0;
  return (): FakeAnswer => ({ status: 200, body: { items: [answers[Math.min(i++, answers.length - 1)]] } });
}

function stub(start: FakeAnswer, runs: () => FakeAnswer, sources: CrawlSource[] = [source()]) {
  return stubFetch((call) => {
    if (call.path === '/api/crawl/sources') return { status: 200, body: { items: sources, configErrors: [] } };
    if (call.method === 'POST' && call.path === '/api/crawl/sources/demo-portal/runs') return start;
    if (call.path.startsWith('/api/crawl/runs')) return runs();
    return undefined;
  });
}

function renderSources(me = buildMe()) {
  return renderWithProviders(<SourcesPage pollMs={15} />, { session: { status: 'authenticated', me }, path: '/kartlaggning/kallor' });
}

describe('Kartläggning: sources and crawls', () => {
  it('has a sub-navigation with aria-current, and lists sources in words with config errors in a status region', async () => {
    stubFetch((call) => {
      if (call.path === '/api/crawl/sources') {
        return {
          status: 200,
          body: {
            items: [
              source(),
              source({
                id: 'sajt',
                name: 'Sajten',
                kind: 'classifieds',
                isDemo: false,
                baseUrl: 'https://sajt.example',
                scheduleMinutes: 360,
                lastRun: null,
              }),
            ],
            configErrors: ['broken.site.yaml: listing.itemSelector is required'],
          },
        };
      }
      return undefined;
    });
    renderWithProviders(<App />, { session: { status: 'authenticated', me: buildMe() }, path: '/kartlaggning/kallor' });

    expect(screen.getByRole('heading', { level: 1, name: 'Källor och insamling' })).toBeTruthy();
    expect(document.title).toBe('Källor och insamling – Kartläggning – Fyren');
    const nav = screen.getByRole('navigation', { name: 'Kartläggning' });
    expect(within(nav).getByRole('link', { name: 'Källor' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Annonser' }).getAttribute('aria-current')).toBeNull();

    const portal = await screen.findByRole('region', { name: 'Annonsportalen (DEMO)' });
    expect(within(portal).getByText('DEMO')).toBeTruthy();
    expect(portal.textContent).toContain('Eskortportal');
    expect(portal.textContent).toContain('Inget schema – startas för hand');
    expect(portal.textContent).toContain('Klar, ');
    expect(portal.textContent).toContain('3 sidor, 40 annonser, 40 nya, 0 ändrade, 0 borttagna, 0 fel');
    expect(within(portal).getByLabelText(/^Annan adress \(bas-URL\)/)).toBeTruthy();
    expect(portal.textContent).toContain('npx fyren demo sites');
    expect(within(portal).getByRole('button', { name: 'Starta insamling: Annonsportalen (DEMO)' })).toBeTruthy();

    const other = screen.getByRole('region', { name: 'Sajten' });
    expect(within(other).queryByText('DEMO')).toBeNull();
    expect(other.textContent).toContain('Annonssajt för köp och sälj');
    expect(other.textContent).toContain('Automatiskt med 6 timmars mellanrum');
    expect(other.textContent).toContain('Ingen insamling ännu');
    expect(other.textContent).not.toContain('npx fyren demo sites');

    const configErrors = screen.getByRole('status', { name: 'Konfigurationsfel' });
    expect(configErrors.textContent).toContain('Fel: broken.site.yaml');
    expect(screen.queryByRole('alert', { name: 'Konfigurationsfel' })).toBeNull();
  });

  it('starts a crawl with the base URL, follows it once a second, and stops polling when it is complete', async () => {
    const calls = stub(
      { status: 202, body: { status: 'started' } },
      sequence([
        run({}), // the previous run: the new one has not shown up yet
        run({ id: 'r1', status: 'running', finishedAt: null, pages: 1, ads: 20, newAds: 5 }),
        run({ id: 'r1', status: 'running', finishedAt: null, pages: 2, ads: 35, newAds: 8 }),
        run({ id: 'r1', status: 'complete', pages: 3, ads: 52, newAds: 12, changedAds: 2, removedAds: 1 }),
      ]),
    );
    renderSources();
    const portal = await screen.findByRole('region', { name: 'Annonsportalen (DEMO)' });
    const live = portal.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('');
    fireEvent.change(within(portal).getByLabelText(/^Annan adress/), { target: { value: 'http://127.0.0.1:5101' } });
    fireEvent.click(within(portal).getByRole('button', { name: /^Starta insamling/ }));

    const post = await waitFor(() => {
      const found = calls.find((call) => call.method === 'POST');
      if (!found) throw new Error('no POST yet');
      return found;
    });
    expect(post.body).toEqual({ baseUrl: 'http://127.0.0.1:5101' });

    // While running: a progress bar, the counts, and a short announcement without the counts.
    await within(portal).findByRole('progressbar', { name: 'Insamling av Annonsportalen (DEMO) pågår' });
    await waitFor(() => expect(live?.textContent).toBe('Insamling av Annonsportalen (DEMO) pågår.'));

    const counts = await within(portal).findByTestId('crawl-live-demo-portal');
    await waitFor(() => expect(within(counts).getByTestId('crawl-status').textContent).toBe('Klar'));
    expect(within(counts).getByTestId('crawl-ads').textContent).toBe('52');
    expect(counts.textContent).toContain('Nya12');
    expect(live?.textContent).toBe(
      'Insamlingen av Annonsportalen (DEMO) är avslutad: Klar. 3 sidor, 52 annonser, 12 nya, 2 ändrade, 1 borttagna, 0 fel.',
    );
    expect(within(portal).queryByRole('progressbar')).toBeNull();
    expect(runCalls(calls).every((call) => call.path === '/api/crawl/runs?source=demo-portal&limit=1')).toBe(true);

    // No more polling once complete.
    const polled = runCalls(calls).length;
    expect(polled).toBe(4);
    await sleep(100);
    expect(runCalls(calls).length).toBe(polled);
    // The source list is loaded again for the new latest run.
    expect(calls.filter((call) => call.path === '/api/crawl/sources').length).toBe(2);
  });

  it('on 409 says a crawl is already running and follows it', async () => {
    const calls = stub(
      apiError(409, 'CONFLICT', 'a crawl of demo-portal is already running'),
      sequence([
        run({ id: 'r7', status: 'running', trigger: 'schedule', finishedAt: null, pages: 4, ads: 60 }),
        run({ id: 'r7', status: 'incomplete', pages: 5, ads: 70, errors: 2, errorSample: ['GET /annons/9: 500'] }),
      ]),
    );
    renderSources();
    const portal = await screen.findByRole('region', { name: 'Annonsportalen (DEMO)' });
    fireEvent.click(within(portal).getByRole('button', { name: /^Starta insamling/ }));

    await within(portal).findByText('En insamling av Annonsportalen (DEMO) pågår redan. Du ser den nedan.');
    expect(screen.queryByRole('alert', { name: /./ })).toBeNull();
    await waitFor(() => expect(within(portal).getByTestId('crawl-status').textContent).toBe('Ofullständig'));
    expect(portal.textContent).toContain('GET /annons/9: 500');
    const polled = runCalls(calls).length;
    expect(polled).toBe(2);
    await sleep(80);
    expect(runCalls(calls).length).toBe(polled);
  });

  it('stops polling when the page unmounts', async () => {
    const calls = stub({ status: 202, body: { status: 'started' } }, sequence([run({ id: 'r2', status: 'running', finishedAt: null })]));
    const view = renderSources();
    const portal = await screen.findByRole('region', { name: 'Annonsportalen (DEMO)' });
    fireEvent.click(within(portal).getByRole('button', { name: /^Starta insamling/ }));
    await within(portal).findByRole('progressbar');
    view.unmount();
    const polled = runCalls(calls).length;
    await sleep(80);
    expect(runCalls(calls).length).toBe(polled);
  });

  it('refuses a base URL that is not http(s) before asking the server, and shows the server’s 400 on the field', async () => {
    const calls = stub(
      {
        status: 400,
        body: {
          error: { code: 'VALIDATION_FAILED', message: 'bad', requestId: 'r', issues: [{ path: ['baseUrl'], message: 'Invalid URL' }] },
        },
      },
      sequence([run({})]),
    );
    renderSources();
    const portal = await screen.findByRole('region', { name: 'Annonsportalen (DEMO)' });
    const field = within(portal).getByLabelText(/^Annan adress/);
    fireEvent.change(field, { target: { value: 'ftp://example' } });
    fireEvent.click(within(portal).getByRole('button', { name: /^Starta insamling/ }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Annan adress (bas-URL): Ange en fullständig adress'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(field, { target: { value: 'http://x.invalid' } });
    fireEvent.click(within(portal).getByRole('button', { name: /^Starta insamling/ }));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(runCalls(calls)).toHaveLength(0);
  });

  it('offers no start to roles other than kartläggare, and works in English', async () => {
    stub({ status: 403 }, sequence([run({})]));
    renderWithProviders(<SourcesPage pollMs={15} />, {
      session: {
        status: 'authenticated',
        me: buildMe({ roles: ['polis'], capabilities: { exportEvidence: true, correctLinks: true, startCrawls: false } }),
      },
      path: '/kartlaggning/kallor',
      locale: 'en',
    });
    const portal = await screen.findByRole('region', { name: 'Annonsportalen (DEMO)' });
    expect(within(portal).queryByRole('button', { name: /Start collection/ })).toBeNull();
    expect(portal.textContent).toContain('Escort portal');
    expect(portal.textContent).toContain('Complete, ');
    expect(screen.getByRole('heading', { level: 1, name: 'Sources and collection' })).toBeTruthy();
  });
});
