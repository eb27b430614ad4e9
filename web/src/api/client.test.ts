import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, stubFetch } from '../test/render';
import { ApiError, api, readCookie, setSessionHandlers, withQuery } from './client';

function clearCookie() {
  document.cookie = 'fyren_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
}

afterEach(() => clearCookie());

describe('api client', () => {
  it('sends the CSRF cookie value in x-csrf-token on writes, not on reads', async () => {
    document.cookie = 'fyren_csrf=abc%20123; path=/';
    const calls = stubFetch(() => ({ status: 200, body: { ok: true } }));
    await api.get('/api/places');
    await api.post('/api/auth/logout');
    expect(calls[0]?.headers['x-csrf-token']).toBeUndefined();
    expect(calls[1]?.headers['x-csrf-token']).toBe('abc 123');
    expect(readCookie('fyren_csrf')).toBe('abc 123');
  });

  it('fetches /api/auth/me first when the CSRF cookie is missing', async () => {
    clearCookie();
    const calls = stubFetch((call) => {
      if (call.path === '/api/auth/me') document.cookie = 'fyren_csrf=fresh; path=/';
      return { status: 204 };
    });
    await api.post('/api/auth/logout');
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/auth/me', 'POST /api/auth/logout']);
    expect(calls[1]?.headers['x-csrf-token']).toBe('fresh');
  });

  it('turns error bodies into ApiError with code, request id and issues', async () => {
    stubFetch(() => ({
      status: 400,
      body: {
        error: { code: 'VALIDATION_FAILED', message: 'bad', requestId: 'r1', issues: [{ path: ['roles'], message: 'at least one role' }] },
      },
    }));
    const error = await api.post('/api/admin/users', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', requestId: 'r1' });
    expect((error as ApiError).issues).toEqual([{ path: ['roles'], message: 'at least one role' }]);
  });

  it('reports a lost session, but not wrong credentials, to the session handler', async () => {
    const onUnauthenticated = vi.fn();
    const undo = setSessionHandlers({ onUnauthenticated });
    stubFetch((call) => (call.path === '/api/auth/login' ? apiError(401, 'INVALID_CREDENTIALS') : apiError(401, 'UNAUTHENTICATED')));
    await api.post('/api/auth/login', {}).catch(() => undefined);
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await api.get('/api/admin/users').catch(() => undefined);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    undo();
  });

  it('gives NETWORK_ERROR when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(api.get('/api/auth/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/admin/audit', { action: 'auth.login', outcome: undefined, from: '', before: 42 })).toBe(
      '/api/admin/audit?action=auth.login&before=42',
    );
  });
});
