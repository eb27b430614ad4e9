import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { App } from '../../app';
import { buildProfile, givePurpose, summaryOf } from '../../test/link-fixtures';
import { buildMe, renderWithProviders, stubFetch, type FakeCall } from '../../test/render';

const PLACES = {
  kommuner: [
    { code: '2480', name: 'Umeå', countyCode: '24' },
    { code: '0180', name: 'Stockholm', countyCode: '01' },
  ],
  lan: [],
  polisregioner: [],
};

const LINA = summaryOf(buildProfile());
const NO_NAME = summaryOf(buildProfile({ id: 'pf-dddddddddddd', names: [], isTouring: false, score: 12.5, isDemo: false }));

function renderPage(path = '/kartlaggning/profiler', locale: 'sv' | 'en' = 'sv') {
  const calls = stubFetch((call) => {
    if (call.path === '/api/places') return { status: 200, body: PLACES };
    if (call.path.startsWith('/api/profiles')) return { status: 200, body: { items: [LINA, NO_NAME] } };
    return undefined;
  });
  renderWithProviders(<App />, { session: { status: 'authenticated', me: buildMe() }, path, locale });
  return calls;
}

const profileCalls = (calls: FakeCall[]) => calls.filter((c) => c.path.startsWith('/api/profiles'));

describe('Kartläggning: profiles', () => {
  it('asks for the purpose first and reads nothing until it is given', async () => {
    const calls = renderPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Profiler' })).toBeTruthy();
    expect(document.title).toBe('Profiler – Kartläggning – Fyren');
    expect(screen.getByRole('link', { name: 'Profiler' }).getAttribute('aria-current')).toBe('page');
    fireEvent.click(await screen.findByRole('button', { name: 'Fortsätt' }));
    expect(screen.getByRole('alert').textContent).toContain('Typ av syfte: Välj vilket slags syfte');
    expect(screen.getByLabelText(/^Referens/).getAttribute('aria-invalid')).toBe('true');
    expect(profileCalls(calls)).toHaveLength(0);
  });

  it('lists profiles by score with names, kommuner, ads, dates, touring and score; DEMO marked', async () => {
    const calls = renderPage();
    await givePurpose();
    const table = await screen.findByRole('table', { name: 'Profiler: 2 st, högst poäng först' });
    const [call] = profileCalls(calls);
    expect(call?.path).toBe('/api/profiles?limit=100');
    expect(call?.headers['x-fyren-purpose']).toBe(encodeURIComponent('Kartläggning: v. 12 Umeå'));
    expect(screen.getByText('Kartläggning: v. 12 Umeå')).toBeTruthy();
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['Namn i annonserna', 'Kommuner', 'Annonser', 'Först sedd', 'Senast sedd', 'Reser mellan orter', 'Poäng']);
    const row = within(table).getByRole('row', { name: /lina/ });
    const cells = [...row.querySelectorAll('th, td')].map((c) => c.textContent);
    expect(cells.slice(1)).toEqual(['Umeå, Skellefteå', '3', '1 mars 2026', '9 mars 2026', 'Ja', '52,4']);
    expect(cells[0]).toMatch(/^lina DEMO/);
    expect(within(row).getByText('DEMO')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'lina' }).getAttribute('href')).toBe('/kartlaggning/profiler/pf-aaaaaaaaaaaa');
    const other = within(table).getByRole('row', { name: /pf-dddddddddddd/ });
    expect(within(other).queryByText('DEMO')).toBeNull();
    expect(other.textContent).toContain('Nej');
    expect(screen.getByText(/Listan innehåller genererade demodata/)).toBeTruthy();
  });

  it('filters by kommun and moves focus to the result heading', async () => {
    const calls = renderPage();
    await givePurpose();
    await screen.findByRole('table');
    await screen.findByRole('option', { name: 'Umeå' });
    fireEvent.change(screen.getByLabelText(/^Kommun/), { target: { value: '2480' } });
    fireEvent.click(screen.getByRole('button', { name: 'Visa' }));
    await waitFor(() => expect(profileCalls(calls).at(-1)?.path).toBe('/api/profiles?kommun=2480&limit=100'));
    const heading = await screen.findByRole('heading', { level: 2, name: 'Profiler i Umeå, högst poäng först' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('keeps the purpose for the session: a new visit reads at once, and it can be changed', async () => {
    const first = renderPage();
    await givePurpose('arende', 'Ä-2026-9');
    await screen.findByRole('table');
    expect(profileCalls(first)).toHaveLength(1);
    // The same tab and user again: no question, the stored purpose is sent.
    cleanup();
    const calls = renderPage();
    await screen.findByRole('table');
    expect(profileCalls(calls)[0]?.headers['x-fyren-purpose']).toBe(encodeURIComponent('Ärende: Ä-2026-9'));
    fireEvent.click(screen.getByRole('button', { name: 'Byt syfte' }));
    expect(await screen.findByRole('button', { name: 'Fortsätt' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('forgets the purpose at sign-out, so the next sign-in asks again', async () => {
    renderPage();
    await givePurpose();
    await screen.findByRole('table');
    expect(window.sessionStorage.getItem('fyren.purpose')).toContain('v. 12 Umeå');
    fireEvent.click(screen.getByRole('button', { name: 'Logga ut' }));
    await screen.findByRole('heading', { level: 1, name: 'Logga in' });
    expect(window.sessionStorage.getItem('fyren.purpose')).toBeNull();
  });

  it('is in English too', async () => {
    renderPage('/kartlaggning/profiler', 'en');
    expect(screen.getByRole('heading', { level: 1, name: 'Profiles' })).toBeTruthy();
    fireEvent.change(await screen.findByLabelText(/^Kind of purpose/), { target: { value: 'uppsok' } });
    fireEvent.change(screen.getByLabelText(/^Reference/), { target: { value: 'week 12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('table', { name: 'Profiles: 2, highest score first' })).toBeTruthy();
    expect(screen.getByText('Moves between towns')).toBeTruthy();
    expect(screen.getByText(/signs of a risk of exploitation/)).toBeTruthy();
  });

  it('has no axe violations', async () => {
    renderPage();
    await givePurpose();
    await screen.findByRole('table');
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  }, 60_000);
});
