import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app';
import { apiError, buildMe, renderWithProviders, stubFetch } from '../../test/render';

function fill(label: RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function submit() {
  fireEvent.click(screen.getByRole('button', { name: 'Logga in' }));
}

describe('LoginPage', () => {
  it('is in Swedish, with a page title and labelled fields', () => {
    renderWithProviders(<App />);
    expect(screen.getByRole('heading', { level: 1, name: 'Logga in' })).toBeTruthy();
    expect(document.title).toBe('Logga in – Fyren');
    expect(screen.getByLabelText(/Användarnamn/)).toBeTruthy();
    expect(screen.getByLabelText(/Lösenord/)).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Hoppa till innehållet' }).getAttribute('href')).toBe('#main');
  });

  it('validates empty fields without calling the server, and ties the errors to the fields', () => {
    const calls = stubFetch(() => undefined);
    renderWithProviders(<App />);
    submit();
    expect(calls).toHaveLength(0);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Ange ditt användarnamn.');
    expect(alert.textContent).toContain('Ange ditt lösenord.');
    const username = screen.getByLabelText(/Användarnamn/);
    expect(username.getAttribute('aria-invalid')).toBe('true');
    const describedBy = username.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toContain('Ange ditt användarnamn.');
  });

  it('shows the server refusal for wrong credentials and clears the password', async () => {
    const calls = stubFetch((call) => (call.path === '/api/auth/login' ? apiError(401, 'INVALID_CREDENTIALS') : undefined));
    document.cookie = 'fyren_csrf=token-1; path=/';
    renderWithProviders(<App />);
    fill(/Användarnamn/, 'anna');
    fill(/Lösenord/, 'fel-lösenord');
    submit();
    await screen.findByText('Fel användarnamn eller lösenord.');
    expect(screen.getByRole('alert').textContent).toContain('Fel användarnamn eller lösenord.');
    expect((screen.getByLabelText(/Lösenord/) as HTMLInputElement).value).toBe('');
    const login = calls.find((call) => call.path === '/api/auth/login');
    expect(login?.method).toBe('POST');
    expect(login?.headers['x-csrf-token']).toBe('token-1');
    expect(login?.body).toEqual({ username: 'anna', password: 'fel-lösenord' });
  });

  it('asks for a TOTP code when the server says TOTP_REQUIRED, then signs in with it', async () => {
    const calls = stubFetch((call) => {
      if (call.path !== '/api/auth/login') return undefined;
      const body = call.body as { totp?: string };
      return body.totp ? { status: 200, body: { user: buildMe() } } : apiError(401, 'TOTP_REQUIRED');
    });
    renderWithProviders(<App />);
    fill(/Användarnamn/, 'anna');
    fill(/Lösenord/, 'rätt-lösenord-123');
    submit();
    const code = await screen.findByLabelText(/Engångskod/);
    submit();
    expect(screen.getByRole('alert').textContent).toContain('Engångskoden ska vara sex siffror.');
    fireEvent.change(code, { target: { value: '123456' } });
    submit();
    await screen.findByRole('heading', { level: 1, name: 'Annonser' });
    expect(calls.filter((call) => call.path === '/api/auth/login').at(-1)?.body).toEqual({
      username: 'anna',
      password: 'rätt-lösenord-123',
      totp: '123456',
    });
  });

  it('says when the account is locked', async () => {
    stubFetch((call) => (call.path === '/api/auth/login' ? apiError(423, 'ACCOUNT_LOCKED') : undefined));
    renderWithProviders(<App />);
    fill(/Användarnamn/, 'anna');
    fill(/Lösenord/, 'x');
    submit();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Kontot är låst'));
  });
});
