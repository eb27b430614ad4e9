import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import type { ExplainDto } from '../../../../src/contracts/links';
import { App } from '../../app';
import { buildNetwork, givePurpose } from '../../test/link-fixtures';
import { buildMe, renderWithProviders, stubFetch, type FakeAnswer, type FakeCall } from '../../test/render';

const NETWORK = buildNetwork();

function renderPage(
  explain: (call: FakeCall) => FakeAnswer = () => ({ status: 200, body: { a: '', b: '', level: 'network', steps: null } }),
) {
  const calls = stubFetch((call) => {
    if (call.path === `/api/networks/${NETWORK.id}`) return { status: 200, body: NETWORK };
    if (call.path.startsWith('/api/links/explain')) return explain(call);
    return undefined;
  });
  renderWithProviders(<App />, { session: { status: 'authenticated', me: buildMe() }, path: `/kartlaggning/natverk/${NETWORK.id}` });
  return calls;
}

const graph = () => screen.getByRole('group', { name: /^Nätverk med 5 annonser i 2 profiler och 4 kopplingar/ });

describe('Kartläggning: one network', () => {
  it('draws ads as dots grouped by profile and every edge by kind, with a legend and DEMO', async () => {
    const calls = renderPage();
    await givePurpose();
    await screen.findByRole('heading', { level: 2, name: 'Graf över kopplingarna' });
    expect(calls.find((c) => c.path === `/api/networks/${NETWORK.id}`)?.headers['x-fyren-purpose']).toBe(
      encodeURIComponent('Kartläggning: v. 12 Umeå'),
    );
    const svg = graph();
    expect(svg.querySelectorAll('circle[data-ad]')).toHaveLength(5);
    // Both profiles' dots have their own colour.
    const fill = (key: string) => svg.querySelector(`circle[data-ad="${key}"]`)?.getAttribute('fill');
    expect(fill('demo-portal:1')).toBe(fill('demo-classifieds:7'));
    expect(fill('demo-portal:1')).not.toBe(fill('demo-sugar:3'));
    const edges = within(svg).getAllByRole('button');
    expect(edges).toHaveLength(4);
    expect(edges[1]?.getAttribute('aria-label')).toBe(`Samma bild: ${'c'.repeat(64)}, demo-portal:2 och demo-classifieds:7, Avvisad`);
    // Kind by dash pattern, not colour alone.
    const dash = (i: number) => edges[i]?.querySelectorAll('path')[2]?.getAttribute('stroke-dasharray');
    expect(dash(0)).toBeNull();
    expect(dash(2)).toBe('2 4');
    expect(dash(1)).toBe('4 4');
    const legend = screen.getByRole('group', { name: 'Teckenförklaring' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Telefonnummer',
      'E-post',
      'Användarnamn',
      'Samma bild',
      'Nästan samma text',
      'Återpublicerad',
      'Bekräftad av analytiker',
      'Avvisad av en rättelse',
      'Annons, färg efter profil',
    ]);
    expect(screen.getByText(/Nätverket bygger på genererade demodata/)).toBeTruthy();
  });

  it('shows an edge’s evidence on a click, and by keyboard: one tab stop, arrows move, Enter chooses', async () => {
    renderPage();
    await givePurpose();
    await screen.findByRole('heading', { level: 2, name: 'Graf över kopplingarna' });
    const edges = within(graph()).getAllByRole('button');
    expect(edges.map((e) => e.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1']);
    const details = screen.getByTestId('edge-details');
    expect(details.textContent).toContain('Välj en koppling');

    fireEvent.click(edges[2]!);
    expect(within(details).getByRole('heading', { name: 'Vald koppling' })).toBeTruthy();
    expect(details.textContent).toContain('Användarnamn');
    expect(details.textContent).toContain('telegram:mia');
    expect(details.textContent).toContain('demo-sugar:3 (profil 2) och demo-sugar:4 (profil 2)');
    await waitFor(() => expect(document.activeElement).toBe(details));

    edges[0]!.focus();
    fireEvent.keyDown(edges[0]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(edges[1]);
    expect(edges[1]?.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(edges[1]!, { key: 'Enter' });
    expect(details.textContent).toContain('Avvisad: en rättelse hindrar kopplingen');
    expect(edges[1]?.getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(edges[1]!, { key: 'End' });
    expect(document.activeElement).toBe(edges[3]);
    fireEvent.keyDown(edges[3]!, { key: ' ' });
    expect(details.textContent).toContain('Nästan samma text');
    expect(details.textContent).toMatch(/likhet 91\s%/);
  });

  it('lists every edge in a table for screen readers, refused edges marked, and the profiles with links', async () => {
    renderPage();
    await givePurpose();
    const table = await screen.findByRole('table', { name: 'Alla kopplingar i nätverket: 4 st' });
    const rows = within(table).getAllByTestId('edge-row');
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => within(r).queryByText('Avvisad') !== null)).toEqual([false, true, false, false]);
    fireEvent.click(within(rows[3]!).getByRole('button'));
    expect(screen.getByTestId('edge-details').textContent).toContain('band-12');
    expect(rows[3]?.getAttribute('aria-current')).toBe('true');
    const profiles = screen.getByRole('table', { name: 'Profiler i nätverket: 2 st' });
    expect(within(profiles).getByRole('link', { name: 'mia' }).getAttribute('href')).toBe('/kartlaggning/profiler/pf-cccccccccccc');
    expect(within(profiles).getAllByRole('row')[1]?.textContent).toContain('Profil 1');
  });

  it('explains the chain of evidence between two ads and highlights it in the graph', async () => {
    const answer: ExplainDto = {
      a: 'demo-portal:2',
      b: 'demo-sugar:3',
      level: 'network',
      steps: [
        { from: 'demo-portal:2', to: 'demo-portal:1', edge: NETWORK.edges[0]! },
        { from: 'demo-portal:1', to: 'demo-sugar:3', edge: NETWORK.edges[3]! },
      ],
    };
    const calls = renderPage(() => ({ status: 200, body: answer }));
    await givePurpose();
    const form = await screen.findByRole('form', { name: 'Förklara en koppling' });
    fireEvent.click(within(form).getByRole('button', { name: 'Förklara' }));
    expect(screen.getAllByRole('alert')[0]?.textContent).toContain('Från annons: Välj en annons.');
    fireEvent.change(within(form).getByLabelText(/^Från annons/), { target: { value: 'demo-portal:2' } });
    fireEvent.change(within(form).getByLabelText(/^Till annons/), { target: { value: 'demo-sugar:3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Förklara' }));
    const result = screen.getByTestId('explain-result');
    await waitFor(() => expect(result.textContent).toContain('Kedjan har 2 steg:'));
    const call = calls.find((c) => c.path.startsWith('/api/links/explain'));
    expect(call?.path).toBe('/api/links/explain?a=demo-portal%3A2&b=demo-sugar%3A3&level=network');
    expect(call?.headers['x-fyren-purpose']).toBe(encodeURIComponent('Kartläggning: v. 12 Umeå'));
    // Intl puts a no-break space before the per cent sign.
    expect([...result.querySelectorAll('li')].map((li) => li.textContent?.replace(/\u00a0/g, ' '))).toEqual([
      'demo-portal:2 → demo-portal:1: Telefonnummer +46701234567 (styrka 100 %)',
      'demo-portal:1 → demo-sugar:3: Nästan samma text band-12 (styrka 60 %)',
    ]);
    const on = within(graph())
      .getAllByRole('button')
      .map((e) => e.classList.contains('network-graph__edge--on'));
    expect(on).toEqual([true, false, false, true]);
    await waitFor(() => expect(document.activeElement).toBe(result));
  });

  it('says when two ads are not joined', async () => {
    renderPage(() => ({ status: 200, body: { a: 'demo-portal:1', b: 'demo-sugar:4', level: 'profile', steps: null } }));
    await givePurpose();
    const form = await screen.findByRole('form', { name: 'Förklara en koppling' });
    fireEvent.change(within(form).getByLabelText(/^Från annons/), { target: { value: 'demo-portal:1' } });
    fireEvent.change(within(form).getByLabelText(/^Till annons/), { target: { value: 'demo-sugar:4' } });
    fireEvent.change(within(form).getByLabelText(/^Gäller/), { target: { value: 'profile' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Förklara' }));
    await waitFor(() => expect(screen.getByTestId('explain-result').textContent).toBe('Annonserna räknas inte som samma person.'));
  });

  it('has no axe violations', async () => {
    renderPage();
    await givePurpose();
    await screen.findByRole('heading', { level: 2, name: 'Graf över kopplingarna' });
    fireEvent.click(within(graph()).getAllByRole('button')[0]!);
    const result = await axe.run(document.body, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  }, 60_000);
});
