import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEvent, Organisation, User } from '../../../../src/contracts/identity';
import { App } from '../../app';
import { buildMe, renderWithProviders, stubFetch, type FakeCall } from '../../test/render';

const ORG: Organisation = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Fyren administration',
  kind: 'socialtjanst',
  requireTotp: false,
  scope: { kommuner: [], lan: [], polisregioner: [] },
  createdAt: '2026-11-23T10:00:00.000Z',
};

const ADMIN = buildMe({ roles: ['administrator'], modules: ['administration'], displayName: 'Administratör' });

function user(overrides: Partial<User>): User {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    username: 'admin',
    displayName: 'Administratör',
    organisationId: ORG.id,
    unitId: null,
    roles: ['administrator'],
    isDisabled: false,
    isLocked: false,
    hasTotp: false,
    mustChangePassword: false,
    lastLoginAt: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

function event(seq: number): AuditEvent {
  return {
    seq,
    at: '2026-11-23T10:00:00.000Z',
    actorId: null,
    actorName: 'admin',
    action: `test.event${seq}`,
    outcome: seq % 2 ? 'success' : 'denied',
    resourceKind: null,
    resourceId: null,
    purpose: null,
    requestId: `r${seq}`,
    details: {},
  };
}

describe('Administration: users', () => {
  it('creates a user and shows the one-time password once, with the note', async () => {
    const users: User[] = [user({})];
    const calls = stubFetch((call: FakeCall) => {
      if (call.path === '/api/admin/users' && call.method === 'GET') return { status: 200, body: { items: users } };
      if (call.path === '/api/admin/organisations') return { status: 200, body: { items: [ORG] } };
      if (call.path.endsWith('/units')) return { status: 200, body: { items: [] } };
      if (call.path === '/api/admin/users' && call.method === 'POST') {
        const created = user({
          id: '33333333-3333-4333-8333-333333333333',
          username: 'kim',
          displayName: 'Kim',
          roles: ['kartlaggare'],
          mustChangePassword: true,
        });
        users.push(created);
        return { status: 201, body: { user: created, oneTimePassword: 'Engång-lösen-123456' } };
      }
      return undefined;
    });
    renderWithProviders(<App />, { session: { status: 'authenticated', me: ADMIN }, path: '/administration/anvandare' });
    await screen.findByRole('rowheader', { name: 'Administratör' });

    fireEvent.click(screen.getByRole('button', { name: 'Skapa användare' }));
    expect(screen.getByRole('alert').textContent).toContain('Välj minst en roll.');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByLabelText(/^Användarnamn/), { target: { value: 'kim' } });
    fireEvent.change(screen.getByLabelText(/^Namn/), { target: { value: 'Kim' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Kartläggare' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skapa användare' }));

    const panel = await screen.findByRole('region', { name: 'Engångslösenord för kim' });
    expect(within(panel).getByTestId('one-time-password').textContent).toBe('Engång-lösen-123456');
    expect(panel.textContent).toContain('visas bara den här gången');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      username: 'kim',
      displayName: 'Kim',
      organisationId: ORG.id,
      unitId: null,
      roles: ['kartlaggare'],
    });
    await screen.findByRole('rowheader', { name: 'Kim' });
    expect(screen.getAllByText('Måste byta lösenord').length).toBeGreaterThan(0);

    fireEvent.click(within(panel).getByRole('button', { name: 'Jag har noterat lösenordet' }));
    expect(screen.queryByTestId('one-time-password')).toBeNull();
  });
});

describe('Administration: audit log', () => {
  it('filters and pages to older events with before=nextBefore', async () => {
    const calls = stubFetch((call) => {
      if (!call.path.startsWith('/api/admin/audit')) return undefined;
      const query = new URL(call.path, 'http://x').searchParams;
      return query.get('before') === '3'
        ? { status: 200, body: { items: [event(2), event(1)], nextBefore: null } }
        : { status: 200, body: { items: [event(4), event(3)], nextBefore: 3 } };
    });
    renderWithProviders(<App />, { session: { status: 'authenticated', me: ADMIN }, path: '/administration/granskningslogg' });
    await screen.findByText('test.event4');
    expect(within(screen.getByRole('table')).getByText('Nekades')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Äldre' }));
    await screen.findByText('test.event2');
    expect(screen.queryByRole('button', { name: 'Äldre' })).toBeNull();
    expect(calls.at(-1)?.path).toBe('/api/admin/audit?before=3&limit=50');

    fireEvent.change(screen.getByLabelText(/^Händelse/), { target: { value: 'auth.login' } });
    fireEvent.change(screen.getByLabelText(/^Utfall/), { target: { value: 'failure' } });
    fireEvent.change(screen.getByLabelText(/^Från och med/), { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filtrera' }));
    await waitFor(() => expect(calls.at(-1)?.path).toBe('/api/admin/audit?action=auth.login&outcome=failure&from=2026-11-01&limit=50'));
  });
});
