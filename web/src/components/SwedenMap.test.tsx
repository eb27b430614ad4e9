import { fireEvent, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { KOMMUN_SHAPES } from '../../../src/core/geo';
import { renderWithProviders } from '../test/render';
import { SwedenMap } from './SwedenMap';

const values = new Map<string, number | null>([
  ['0180', 120],
  ['2480', 12],
  ['2482', 7],
  ['2584', null],
]);
const flows = [{ from: '2480', to: '0180', count: 9 }];

const kommunPath = (container: HTMLElement, code: string) => container.querySelector<SVGPathElement>(`path[data-code="${code}"]`)!;

function openTable() {
  fireEvent.click(screen.getByText('Visa värdena som tabell'));
  return screen.getAllByRole('table')[0]!;
}

describe('SwedenMap', () => {
  it('renders the map as one image with title, description, a tooltip per kommun and a legend', () => {
    const { container } = renderWithProviders(<SwedenMap values={values} valueLabel="antal annonser" />);
    const img = screen.getByRole('img', { name: 'Antal annonser per kommun' });
    expect(img.tagName.toLowerCase()).toBe('svg');
    expect(container.querySelectorAll('path[data-code]')).toHaveLength(290);
    expect(kommunPath(container, '2480').querySelector('title')?.textContent).toBe('Umeå: 12');
    expect(kommunPath(container, '2584').getAttribute('fill')).toMatch(/^url\(#sweden-map-[\w-]+-hatch\)$/);
    expect(kommunPath(container, '2480').getAttribute('tabindex')).toBeNull();
    const legend = screen.getByRole('group', { name: /^Teckenförklaring/ });
    expect(within(legend).getByText('Färre än 5 (visas inte)')).toBeTruthy();
    expect(within(legend).getByText('Inga uppgifter')).toBeTruthy();
  });

  it('lists the values in a table, "<5" for suppressed kommuner, and only kommuner with values', () => {
    renderWithProviders(<SwedenMap values={values} valueLabel="antal annonser" flows={flows} />);
    const table = openTable();
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Kiruna', 'Norrbottens län', '<5'],
      ['Skellefteå', 'Västerbottens län', '7'],
      ['Stockholm', 'Stockholms län', '120'],
      ['Umeå', 'Västerbottens län', '12'],
    ]);
    expect(within(table).getByRole('columnheader', { name: 'Antal annonser' })).toBeTruthy();
    const flowTable = screen.getByRole('table', { name: 'Flöden mellan kommuner' });
    expect(within(flowTable).getByRole('row', { name: 'Umeå Stockholm 9' })).toBeTruthy();
  });

  it('calls onSelect when a kommun is chosen with Enter, Space, a click or the table', () => {
    const onSelect = vi.fn();
    const { container } = renderWithProviders(<SwedenMap values={values} onSelect={onSelect} />);
    expect(screen.getByRole('group', { name: 'Karta över Sveriges kommuner' })).toBeTruthy();
    const umea = screen.getByRole('button', { name: 'Umeå: 12' });
    expect(umea).toBe(kommunPath(container, '2480'));
    fireEvent.keyDown(umea, { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith('2480');
    fireEvent.keyDown(screen.getByRole('button', { name: 'Kiruna: <5' }), { key: ' ' });
    expect(onSelect).toHaveBeenLastCalledWith('2584');
    fireEvent.click(screen.getByRole('button', { name: 'Stockholm: 120' }));
    expect(onSelect).toHaveBeenLastCalledWith('0180');
    openTable();
    fireEvent.click(screen.getByRole('button', { name: 'Skellefteå' }));
    expect(onSelect).toHaveBeenLastCalledWith('2482');
    expect(onSelect).toHaveBeenCalledTimes(4);
  });

  it('has one tab stop and moves between kommuner with the arrow keys', () => {
    const { container } = renderWithProviders(<SwedenMap values={values} onSelect={() => {}} selected="2480" />);
    const tabStops = container.querySelectorAll('path[data-code][tabindex="0"]');
    expect([...tabStops].map((p) => p.getAttribute('data-code'))).toEqual(['2480']);
    const umea = kommunPath(container, '2480');
    expect(umea.getAttribute('aria-current')).toBe('true');
    umea.focus();
    fireEvent.keyDown(umea, { key: 'ArrowUp' });
    const next = document.activeElement as SVGPathElement;
    expect(next).not.toBe(umea);
    const point = (code: string | null) => KOMMUN_SHAPES.find((k) => k.code === code)!;
    expect(point(next.getAttribute('data-code')).cy).toBeLessThan(point('2480').cy);
    expect(next.getAttribute('tabindex')).toBe('0');
    expect(umea.getAttribute('tabindex')).toBe('-1');
    expect(container.querySelector('.sweden-map__ring--focus path')?.getAttribute('d')).toBe(next.getAttribute('d'));
  });

  it('zooms to the focus area: only its kommuner are buttons and the rest are faded', () => {
    const { container } = renderWithProviders(<SwedenMap values={values} focus="24" onSelect={() => {}} />);
    expect(screen.getAllByRole('button', { name: /:/ })).toHaveLength(15);
    const svg = container.querySelector('svg.sweden-map__svg')!;
    const [, , width] = svg.getAttribute('viewBox')!.split(' ').map(Number);
    expect(width).toBeLessThan(400);
    expect(kommunPath(container, '1280').closest('g')?.getAttribute('opacity')).toBe('0.35');
    const rows = within(openTable()).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).not.toContain('StockholmStockholms län120');
    expect(rows).toHaveLength(3);
  });

  it('draws circles and arrows, and speaks English', () => {
    const { container } = renderWithProviders(<SwedenMap values={values} mode="symbols" flows={flows} />, { locale: 'en' });
    expect(screen.getByRole('img', { name: "Map of Sweden's municipalities" })).toBeTruthy();
    expect(container.querySelectorAll('circle')).not.toHaveLength(0);
    expect(container.querySelector('path[data-flow="2480-0180"] title')?.textContent).toBe('Umeå → Stockholm: 9');
    expect(screen.getByText('Show the values as a table')).toBeTruthy();
    openTableEn();
    expect(screen.getAllByRole('columnheader', { name: 'Municipality' })).toHaveLength(1);
  });

  it('has no axe violations', async () => {
    const { container } = renderWithProviders(<SwedenMap values={values} flows={flows} onSelect={() => {}} />);
    openTable();
    // WCAG A/AA rules; colour contrast needs layout, which jsdom does not have (palette.test.ts checks the map's colours).
    const result = await axe.run(container, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  }, 60_000);
});

function openTableEn() {
  fireEvent.click(screen.getByText('Show the values as a table'));
}
