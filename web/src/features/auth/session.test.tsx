import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../app';
import { buildMe, renderWithProviders, stubFetch } from '../../test/render';

describe('idle timeout', () => {
  it('logs out after idleTimeoutSeconds without activity and says why', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    const calls = stubFetch(() => ({ status: 204 }));
    renderWithProviders(<App />, {
      session: { status: 'authenticated', me: buildMe({ idleTimeoutSeconds: 60 }) },
      path: '/kartlaggning',
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Annonser' })).toBeTruthy();

    // Activity keeps the session.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(45_000);
    });
    fireEvent.keyDown(document.body, { key: 'Tab' });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(45_000);
    });
    expect(screen.queryByRole('heading', { level: 1, name: 'Logga in' })).toBeNull();

    // Then a full minute of nothing.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(20_000);
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Logga in' })).toBeTruthy();
    expect(screen.getByText('Du har loggats ut eftersom du inte har varit aktiv på en stund.')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST' && call.path === '/api/auth/logout')).toBe(true);
  });

  it('goes to the login page when the server says the session is gone', async () => {
    stubFetch(() => ({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'sign in', requestId: 'r' } } }));
    renderWithProviders(<App />, {
      session: { status: 'authenticated', me: buildMe({ modules: ['administration'], roles: ['administrator'] }) },
      path: '/administration/anvandare',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Logga in' })).toBeTruthy();
    expect(screen.getByText('Din session har upphört. Logga in igen.')).toBeTruthy();
  });
});
