import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { App } from '../../app';
import { publishDashboard, type RawDashboard } from '../../../../src/core/stats/dashboard';
import { buildMe, renderWithProviders, stubFetch } from '../../test/render';

const PLACES = {
  kommuner: [
    { code: '2480', name: 'Umeå', countyCode: '24' },
    { code: '2482', name: 'Skellefteå', countyCode: '24' },
  ],
  lan: [{ code: '24', name: 'Västerbottens län', policeRegion: 'Nord' }],
  polisregioner: ['Nord'],
};

const area = { kind: 'kommun' as const, id: '2480', name: 'Umeå', kommunCodes: ['2480'] };
const RAW: RawDashboard = {
  area,
  period: { from: '2026-02-02', to: '2026-02-22' },
  totals: { ads: 120, profiles: 48, newProfiles: 9, inresta: 3, sugarAds: 14, networks: 2 },
  weeks: [
    { week: '2026-02-02', ads: 60, profiles: 30, newProfiles: 4, inresta: 2, sugarAds: 6 },
    { week: '2026-02-09', ads: 70, profiles: 33, newProfiles: 3, inresta: 1, sugarAds: 7 },
    { week: '2026-02-16', ads: 80, profiles: 35, newProfiles: 6, inresta: 0, sugarAds: 8 },
  ],
  kommuner: [{ code: '2480', ads: 120, profiles: 48, inresta: 3 }],
  indicators: [{ code: 'NEW_IN_TOWN', profiles: 12 }],
  flows: [{ from: '2482', to: '2480', profiles: 7 }],
  lastYear: {
    period: { from: '2025-02-02', to: '2025-02-22' },
    totals: { ads: 100, profiles: 40, newProfiles: 8, inresta: 6, sugarAds: 10, networks: 1 },
  },
  comparisons: [],
};
const DASHBOARD = publishDashboard(RAW, 5);
const METHOD = {
  definitionsVersion: 'kartlaggning-2026.2',
  sites: [],
  deduplication: { linkParams: ['link-2026.1'], weights: [], extraction: [] },
  threshold: 5,
};

function renderPage(path: string) {
  const calls = stubFetch((call) => {
    if (call.path === '/api/places') return { status: 200, body: PLACES };
    if (call.path.startsWith('/api/statistics/dashboard'))
      return { status: 200, body: { dashboard: DASHBOARD, method: METHOD, canFreeze: false } };
    return undefined;
  });
  renderWithProviders(<App />, { session: { status: 'authenticated', me: buildMe({ modules: ['statistik'] }) }, path });
  return calls;
}

describe('Statistik: dashboard', () => {
  it('asks for an area and shows the chosen one in the address', async () => {
    const calls = renderPage('/statistik');
    expect(screen.getByRole('heading', { level: 1, name: 'Statistik: kartläggning' })).toBeTruthy();
    const select = screen.getByLabelText(/^Område/);
    await screen.findAllByRole('option', { name: 'Umeå' });
    fireEvent.change(select, { target: { value: '2480' } });
    fireEvent.change(screen.getByLabelText('Från och med'), { target: { value: '2026-02-02' } });
    fireEvent.change(screen.getByLabelText('Till och med'), { target: { value: '2026-02-22' } });
    fireEvent.click(screen.getByRole('button', { name: 'Visa' }));
    await screen.findByRole('heading', { name: 'Umeå, 2026-02-02 – 2026-02-22' });
    expect(calls.find((c) => c.path.startsWith('/api/statistics/dashboard'))?.path).toBe(
      '/api/statistics/dashboard?area=2480&from=2026-02-02&to=2026-02-22',
    );
    cleanup();
  });

  it('refuses an end before the start without asking the server', async () => {
    const calls = renderPage('/statistik');
    await screen.findAllByRole('option', { name: 'Umeå' });
    fireEvent.change(screen.getByLabelText(/^Område/), { target: { value: '2480' } });
    fireEvent.change(screen.getByLabelText('Från och med'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('Till och med'), { target: { value: '2026-02-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Visa' }));
    expect(screen.getByText(/får inte vara före/)).toBeTruthy();
    expect(calls.filter((c) => c.path.startsWith('/api/statistics'))).toHaveLength(0);
    cleanup();
  });

  it('shows key figures with last year, suppressed counts as "<5", trends, the map, tables with CSV links and the PDF link', async () => {
    renderPage('/statistik?area=2480&from=2026-02-02&to=2026-02-22');
    await screen.findByRole('heading', { name: 'Umeå, 2026-02-02 – 2026-02-22' });
    const figures = screen.getByText('Unika profiler', { selector: 'dt' }).parentElement!;
    expect(within(figures).getByText('48')).toBeTruthy();
    expect(within(figures).getByText('Samma period förra året: 40')).toBeTruthy();
    const inresta = screen.getByText('Inresta profiler', { selector: 'dt' }).parentElement!;
    expect(within(inresta).getByText('<5')).toBeTruthy();
    expect(screen.getByRole('img', { name: /Aktiva annonser och unika profiler per vecka/ })).toBeTruthy();
    expect(screen.getAllByRole('img').length).toBeGreaterThanOrEqual(3);
    const weeks = screen.getByRole('table', { name: 'Per vecka' });
    expect(within(weeks).getAllByRole('row')).toHaveLength(4);
    const csv = screen.getByRole('link', { name: 'Ladda ner Per kommun som CSV' });
    expect(csv.getAttribute('href')).toBe('/api/statistics/dashboard/kommuner.csv?area=2480&from=2026-02-02&to=2026-02-22');
    expect(screen.getByRole('link', { name: 'Ladda ner PDF-rapport' }).getAttribute('href')).toBe(
      '/api/statistics/report.pdf?area=2480&from=2026-02-02&to=2026-02-22',
    );
    expect(screen.getByText(/Små tal: antal under 5/)).toBeTruthy();
    // The server says this user may not freeze a mapping: no button.
    expect(screen.queryByRole('button', { name: 'Frys som kartläggning' })).toBeNull();
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    cleanup();
  }, 60_000);
});
