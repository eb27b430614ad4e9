import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DemandTrendDto, DisplacementDto } from '../../../../src/contracts/demand';
import { App } from '../../app';
import { buildMe, renderWithProviders, stubFetch } from '../../test/render';

const PLACES = {
  kommuner: [
    { code: '2480', name: 'Umeå', countyCode: '24' },
    { code: '0180', name: 'Stockholm', countyCode: '01' },
  ],
  lan: [{ code: '24', name: 'Västerbottens län', policeRegion: 'Nord' }],
  polisregioner: ['Nord', 'Stockholm'],
};

const count = (n: number) =>
  n < 5 ? { value: null, display: '<5', isSuppressed: true } : { value: n, display: String(n), isSuppressed: false };

function trend(area: { level: 'kommun' | 'land'; code: string; name: string }, canEnter = true): DemandTrendDto {
  return {
    area,
    weeks: ['2026-02-02', '2026-02-09', '2026-02-16'].map((week, i) => ({
      week,
      isIncomplete: false,
      active: count(30 - i * 10),
      distinct: count([24, 12, 3][i]!),
      new: count(6),
      gone: count(2),
      profiles: count(40),
      repliesPerHour: i === 1 ? 4 : null,
      probes: i === 1 ? 1 : 0,
    })),
    events: [
      {
        id: '7d1c7a36-3a43-4d0c-b0b6-7f7c1a5f0e11',
        kind: 'operation',
        title: 'Insats mot sexköp i Umeå',
        areaLevel: 'kommun',
        areaCode: '2480',
        areaName: 'Umeå',
        date: '2026-02-10',
        isDemo: true,
      },
    ],
    probes: [],
    lanOnlyNote: { lanOnlyAccounts: count(17), noPlaceAccounts: count(2) },
    threshold: 5,
    hasDemo: true,
    canEnter,
  };
}

const DISPLACEMENT: DisplacementDto = {
  event: trend({ level: 'land', code: 'SE', name: 'hela landet' }).events[0]!,
  weeks: 6,
  beforeWeeks: { from: '2025-12-29', to: '2026-02-02' },
  afterWeeks: { from: '2026-02-16', to: '2026-03-23' },
  rows: [
    { role: 'event', level: 'kommun', code: '2480', name: 'Umeå', before: count(24), after: count(9), changePercent: -63 },
    { role: 'compare', level: 'kommun', code: '0180', name: 'Stockholm', before: count(50), after: count(68), changePercent: 36 },
  ],
  summarySv: 'I Umeå minskade med 63 %.',
  summaryEn: 'In Umeå it fell by 63%.',
  threshold: 5,
};

function renderPage(canEnter = true) {
  const calls = stubFetch((call) => {
    if (call.path === '/api/places') return { status: 200, body: PLACES };
    if (call.path.startsWith('/api/demand/trend')) {
      const isUmea = call.path.includes('kommun%3A2480') || call.path.includes('kommun:2480');
      return {
        status: 200,
        body: trend(
          isUmea ? { level: 'kommun', code: '2480', name: 'Umeå' } : { level: 'land', code: 'SE', name: 'hela landet' },
          canEnter,
        ),
      };
    }
    if (call.path.startsWith('/api/demand/displacement')) return { status: 200, body: DISPLACEMENT };
    if (call.path === '/api/demand/events') return { status: 201, body: { ...DISPLACEMENT.event, title: 'Ny kampanj' } };
    return undefined;
  });
  renderWithProviders(<App />, {
    session: { status: 'authenticated', me: buildMe({ modules: ['statistik'] }) },
    path: '/statistik/efterfragan',
    locale: 'sv',
  });
  return calls;
}

describe('Statistik: Efterfrågan', () => {
  it('draws the trend with the event marked, says "<5" for small weeks, and explains län-only accounts', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Efterfrågan' })).toBeTruthy();
    await screen.findByRole('table', { name: /Veckotal för hela landet/ });
    const chart = document.querySelector('.demand-chart svg[role="img"]')!;
    expect(chart.querySelector('title')?.textContent).toBe('Efterfrågan och utbud i hela landet');
    expect(chart.querySelectorAll('.event-marker')).toHaveLength(1);
    expect(chart.querySelector('.event-marker')?.getAttribute('data-date')).toBe('2026-02-10');
    const table = screen.getByRole('table', { name: /Veckotal för hela landet/ });
    expect(within(table).getByRole('row', { name: /2026-02-16/ }).textContent).toContain('<5');
    expect(screen.getByText(/räknas i länet och polisregionen men inte i någon kommun: 17/)).toBeTruthy();
    // No forms at the national level (an event needs an area).
    expect(screen.queryByRole('form', { name: 'Lägg till händelse' })).toBeNull();
  });

  it('shows the displacement around an event in words and as a table', async () => {
    const calls = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Visa förflyttning efter Insats mot sexköp i Umeå' }));
    expect(await screen.findByText('I Umeå minskade med 63 %.')).toBeTruthy();
    const table = screen.getByRole('table', { name: /6 veckor före och efter/ });
    expect(within(table).getByRole('row', { name: /Stockholm/ }).textContent).toContain('+36 %');
    expect(calls.some((c) => c.path.startsWith('/api/demand/displacement?event=7d1c7a36'))).toBe(true);
  });

  it('lets an analyst add an event for the chosen kommun, and refuses an empty title before sending', async () => {
    const calls = renderPage();
    await screen.findByRole('option', { name: 'Umeå' });
    fireEvent.change(screen.getByLabelText('Område'), { target: { value: 'kommun:2480' } });
    fireEvent.click(screen.getByRole('button', { name: 'Visa' }));
    const form = await screen.findByRole('form', { name: 'Lägg till händelse' });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara' }));
    expect(await within(form).findByRole('alert')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    fireEvent.change(within(form).getByLabelText(/^Rubrik/), { target: { value: 'Ny kampanj' } });
    fireEvent.change(within(form).getByLabelText(/^Datum/), { target: { value: '2026-02-20' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      kind: 'operation',
      title: 'Ny kampanj',
      area: 'kommun:2480',
      date: '2026-02-20',
    });
    expect(await within(form).findByText('Händelsen är sparad.')).toBeTruthy();
  });

  it('hides the forms when the policy says the user may not enter records', async () => {
    renderPage(false);
    await screen.findByRole('option', { name: 'Umeå' });
    fireEvent.change(screen.getByLabelText('Område'), { target: { value: 'kommun:2480' } });
    fireEvent.click(screen.getByRole('button', { name: 'Visa' }));
    await screen.findByRole('table', { name: /Veckotal för Umeå/ });
    expect(screen.queryByRole('form', { name: 'Lägg till händelse' })).toBeNull();
    expect(screen.getByText(/räknas i länet och polisregionen, inte i någon kommun/)).toBeTruthy();
  });
});
