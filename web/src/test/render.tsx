/** Test helpers: render inside the app's providers, and a fake fetch that answers by method and path. */
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, vi } from 'vitest';
import type { Locale, Me } from '../../../src/contracts/identity';
import { SessionProvider, type Session } from '../features/auth/session';
import { resetPageHeadingFocus } from '../features/shell/page-heading';
import { I18nProvider } from '../i18n/i18n';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.localStorage.clear();
  window.sessionStorage.clear();
  resetPageHeadingFocus();
});

export function renderWithProviders(
  ui: ReactNode,
  { locale = 'sv', session, path = '/' }: { locale?: Locale; session?: Session; path?: string } = {},
): RenderResult {
  return render(
    <I18nProvider initialLocale={locale}>
      <SessionProvider initial={session ?? { status: 'anonymous', notice: null }}>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}

export function buildMe(overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    username: 'anna',
    displayName: 'Anna Andersson',
    organisation: { id: '00000000-0000-4000-8000-0000000000aa', name: 'Umeå kommun', kind: 'socialtjanst' },
    unit: null,
    roles: ['kartlaggare'],
    modules: ['kartlaggning'],
    capabilities: { exportEvidence: true, correctLinks: true, startCrawls: true },
    mustChangePassword: false,
    mustEnrollTotp: false,
    hasTotp: false,
    idleTimeoutSeconds: 1800,
    ...overrides,
  };
}

export interface FakeCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** The body as sent, when it is not JSON text (an uploaded picture). */
  rawBody?: unknown;
}

/** An answer: JSON `body`, or raw bytes in `raw` with their own `headers` (a file download). */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  raw?: BodyInit;
  headers?: Record<string, string>;
}

type Responder = (call: FakeCall) => FakeAnswer | undefined;

/** Stubs global fetch. `respond` returns the answer for a call, or undefined for a 404. */
export function stubFetch(respond: Responder): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const call: FakeCall = {
        method: init?.method ?? 'GET',
        path: String(input),
        headers: { ...(init?.headers as Record<string, string> | undefined) },
        body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
        rawBody: typeof init?.body === 'string' ? undefined : (init?.body ?? undefined),
      };
      calls.push(call);
      const answer: FakeAnswer = respond(call) ?? {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'no route', requestId: 'req-404' } },
      };
      if (answer.raw !== undefined) return new Response(answer.raw, { status: answer.status, headers: answer.headers });
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json', ...answer.headers },
      });
    }),
  );
  return calls;
}

export function apiError(status: number, code: string, message = code) {
  return { status, body: { error: { code, message, requestId: `req-${code.toLowerCase()}` } } };
}
