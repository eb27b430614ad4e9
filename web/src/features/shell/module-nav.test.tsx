import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app';
import { buildMe, renderWithProviders } from '../../test/render';
import { ModuleNav } from './module-nav';

function navLabels(): string[] {
  const nav = screen.getByRole('navigation', { name: 'Moduler' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('ModuleNav', () => {
  it('shows only the given modules, in the fixed order, with Swedish labels', () => {
    renderWithProviders(<ModuleNav modules={['statistik', 'kartlaggning', 'arenden']} />);
    expect(navLabels()).toEqual(['Kartläggning', 'Ärenden', 'Statistik']);
  });

  it('shows all seven in order for a user who may see all', () => {
    renderWithProviders(
      <ModuleNav modules={['administration', 'statistik', 'samverkan', 'arenden', 'insatser', 'uppsok', 'kartlaggning']} />,
    );
    expect(navLabels()).toEqual(['Kartläggning', 'Uppsök', 'Insatser', 'Ärenden', 'Samverkan', 'Statistik', 'Administration']);
  });

  it('renders no navigation when there are no modules', () => {
    renderWithProviders(<ModuleNav modules={[]} />);
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});

describe('App shell', () => {
  it('shows the user, the organisation and only the allowed modules; the language switch works', () => {
    renderWithProviders(<App />, {
      session: { status: 'authenticated', me: buildMe({ modules: ['kartlaggning', 'samverkan'] }) },
      path: '/samverkan',
    });
    expect(screen.getByText('Inloggad som Anna Andersson, Umeå kommun')).toBeTruthy();
    expect(navLabels()).toEqual(['Kartläggning', 'Samverkan']);
    expect(screen.queryByRole('link', { name: 'Administration' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Samverkan' })).toBeTruthy();
    expect(screen.getByText(/byggs just nu/)).toBeTruthy();
    expect(document.title).toBe('Samverkan – Fyren');

    fireEvent.click(screen.getByRole('button', { name: /English/ }));
    const nav = screen.getByRole('navigation', { name: 'Modules' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Mapping', 'Cooperation']);
    expect(screen.getByRole('heading', { level: 1, name: 'Cooperation' })).toBeTruthy();
    expect(screen.getByText(/is being built/)).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('refuses a module the user may not see', () => {
    renderWithProviders(<App />, {
      session: { status: 'authenticated', me: buildMe({ modules: ['kartlaggning'] }) },
      path: '/administration',
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Ingen behörighet' })).toBeTruthy();
  });

  it('forces a password change before anything else', () => {
    renderWithProviders(<App />, {
      session: { status: 'authenticated', me: buildMe({ mustChangePassword: true }) },
      path: '/kartlaggning',
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Byt lösenord' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.getByRole('button', { name: 'Logga ut' })).toBeTruthy();
  });
});
