import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app';
import { apiError, buildMe, renderWithProviders, stubFetch } from '../../test/render';
import { groupSecret } from './enroll-totp-page';

function fill(label: RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('forced password change', () => {
  it('checks length and match in the form, then changes the password and asks who we are again', async () => {
    let hasChanged = false;
    const calls = stubFetch((call) => {
      if (call.path === '/api/auth/password') {
        hasChanged = true;
        return { status: 204 };
      }
      if (call.path === '/api/auth/me') return { status: 200, body: { user: buildMe({ mustChangePassword: !hasChanged }) } };
      return undefined;
    });
    renderWithProviders(<App />, {
      session: { status: 'authenticated', me: buildMe({ mustChangePassword: true }) },
      path: '/kartlaggning',
    });
    fill(/^Nuvarande/, 'engångslösenord');
    fill(/^Nytt lösenord/, 'för-kort');
    fill(/^Upprepa/, 'annat');
    fireEvent.click(screen.getByRole('button', { name: 'Byt lösenord' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('minst 12 tecken');
    expect(alert.textContent).toContain('Lösenorden är inte likadana.');
    expect(calls).toHaveLength(0);

    fill(/^Nytt lösenord/, 'ett-långt-nytt-lösenord');
    fill(/^Upprepa/, 'ett-långt-nytt-lösenord');
    fireEvent.click(screen.getByRole('button', { name: 'Byt lösenord' }));
    await screen.findByRole('heading', { level: 1, name: 'Annonser' });
    expect(calls.find((call) => call.path === '/api/auth/password')?.body).toEqual({
      currentPassword: 'engångslösenord',
      newPassword: 'ett-långt-nytt-lösenord',
    });
  });

  it('shows a wrong current password on that field', async () => {
    stubFetch((call) => (call.path === '/api/auth/password' ? apiError(401, 'INVALID_CREDENTIALS') : undefined));
    renderWithProviders(<App />, { session: { status: 'authenticated', me: buildMe({ mustChangePassword: true }) } });
    fill(/^Nuvarande/, 'fel');
    fill(/^Nytt lösenord/, 'ett-långt-nytt-lösenord');
    fill(/^Upprepa/, 'ett-långt-nytt-lösenord');
    fireEvent.click(screen.getByRole('button', { name: 'Byt lösenord' }));
    await screen.findAllByText('Det nuvarande lösenordet stämmer inte.');
    // Still signed in: a wrong current password is not a lost session.
    expect(screen.getByRole('heading', { level: 1, name: 'Byt lösenord' })).toBeTruthy();
    expect(screen.getByLabelText(/^Nuvarande/).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('forced TOTP enrolment', () => {
  it('shows the secret and the otpauth URI as text and confirms with a code', async () => {
    let isEnabled = false;
    const calls = stubFetch((call) => {
      if (call.path === '/api/auth/totp/setup')
        return {
          status: 200,
          body: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', otpauthUri: 'otpauth://totp/Fyren:anna?secret=JBSWY3DPEHPK3PXPJBSWY3DP' },
        };
      if (call.path === '/api/auth/totp/enable') {
        const { code } = call.body as { code: string };
        if (code !== '123456') return apiError(400, 'INVALID_TOTP');
        isEnabled = true;
        return { status: 204 };
      }
      if (call.path === '/api/auth/me') return { status: 200, body: { user: buildMe({ mustEnrollTotp: !isEnabled, hasTotp: isEnabled }) } };
      return undefined;
    });
    renderWithProviders(<App />, { session: { status: 'authenticated', me: buildMe({ mustEnrollTotp: true }) } });
    expect(screen.getByRole('heading', { level: 1, name: 'Aktivera tvåstegsverifiering' })).toBeTruthy();
    expect((await screen.findByTestId('totp-secret')).textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP');
    expect(screen.getByTestId('totp-uri').textContent).toContain('otpauth://totp/');

    fill(/^Kod från appen/, '12');
    fireEvent.click(screen.getByRole('button', { name: 'Aktivera' }));
    expect(screen.getByRole('alert').textContent).toContain('Koden ska vara sex siffror.');

    fill(/^Kod från appen/, '654321');
    fireEvent.click(screen.getByRole('button', { name: 'Aktivera' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Koden stämmer inte.'));

    fill(/^Kod från appen/, '123456');
    fireEvent.click(screen.getByRole('button', { name: 'Aktivera' }));
    await screen.findByRole('heading', { level: 1, name: 'Annonser' });
    expect(calls.filter((call) => call.path === '/api/auth/totp/setup')).toHaveLength(1);
  });

  it('groups a secret in fours', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});
