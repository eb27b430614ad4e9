/**
 * Typed fetch wrapper for the Fyren API: JSON in and out, the session cookie,
 * the CSRF double-submit header, and one error class for every non-2xx answer.
 */
import type { ApiError as ApiErrorBody } from '../../../src/contracts/identity';

/** Same names as CSRF_COOKIE and CSRF_HEADER in the contract; copied so the bundle does not pull in zod. */
export const CSRF_COOKIE_NAME = 'fyren_csrf';
export const CSRF_HEADER_NAME = 'x-csrf-token';

export type ApiIssue = NonNullable<ApiErrorBody['error']['issues']>[number];

/** A non-2xx answer from the API, or a failure to reach it (status 0, code NETWORK_ERROR). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly issues: ApiIssue[];

  constructor(status: number, code: string, message: string, requestId: string | null = null, issues: ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.issues = issues;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** 401 codes that mean "these credentials are wrong", not "the session is gone". */
const CREDENTIAL_CODES = new Set(['INVALID_CREDENTIALS', 'TOTP_REQUIRED', 'INVALID_TOTP']);
/** 403 codes that mean the user must finish a forced step first. */
const FORCED_STEP_CODES = new Set(['PASSWORD_CHANGE_REQUIRED', 'TOTP_ENROLMENT_REQUIRED']);

export interface SessionHandlers {
  /** The session is gone (any 401 that is not about the credentials just given). */
  onUnauthenticated?: (error: ApiError) => void;
  /** The server asks for a forced password change or TOTP enrolment first. */
  onForcedStep?: (error: ApiError) => void;
}

let handlers: SessionHandlers = {};

/** Registers what the app does when the session ends or a forced step is due. Returns an undo function. */
export function setSessionHandlers(next: SessionHandlers): () => void {
  handlers = next;
  return () => {
    if (handlers === next) handlers = {};
  };
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [rawKey, ...rest] = part.trim().split('=');
    if (rawKey === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, for instance); fall through to a generic error.
  }
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as ApiErrorBody).error;
    if (error && typeof error.code === 'string') {
      return new ApiError(response.status, error.code, error.message ?? '', error.requestId ?? null, error.issues ?? []);
    }
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
}

/**
 * The server sets the CSRF cookie on any /api response when it is missing.
 * If it has gone (cleared at logout, say), one GET brings it back before a write.
 */
async function fetchCsrfToken(): Promise<string | null> {
  try {
    await fetch('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    return null;
  }
  return readCookie(CSRF_COOKIE_NAME);
}

/**
 * Sends one request. Resolves with the parsed JSON body, or undefined for 204. A Blob body is
 * sent as raw bytes with its own type (an uploaded picture); anything else as JSON.
 */
export async function request<T>(method: Method, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
  const isBlob = typeof Blob !== 'undefined' && body instanceof Blob;
  if (isBlob) headers['content-type'] = body.type || 'application/octet-stream';
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = readCookie(CSRF_COOKIE_NAME) ?? (await fetchCsrfToken());
    if (token) headers[CSRF_HEADER_NAME] = token;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isBlob ? body : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : 'Network error');
  }

  if (!response.ok) {
    const error = await parseError(response);
    if (error.status === 401 && !CREDENTIAL_CODES.has(error.code)) handlers.onUnauthenticated?.(error);
    if (error.status === 403 && FORCED_STEP_CODES.has(error.code)) handlers.onForcedStep?.(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file from the API: its bytes and the name the server suggests in content-disposition. */
export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
}

/** The filename in a content-disposition header (filename*=UTF-8'' first, then filename=). */
export function filenameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'[^']*')?"?([^";]+)"?/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // Fall through to the plain form.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? null;
}

/** GETs a file (not JSON); errors as for `request`. */
export async function downloadFile(path: string, extraHeaders?: Record<string, string>): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'GET', headers: { ...extraHeaders }, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!response.ok) {
    const error = await parseError(response);
    if (error.status === 401 && !CREDENTIAL_CODES.has(error.code)) handlers.onUnauthenticated?.(error);
    if (error.status === 403 && FORCED_STEP_CODES.has(error.code)) handlers.onForcedStep?.(error);
    throw error;
  }
  return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('content-disposition')) };
}

export const api = {
  get: <T>(path: string, query?: Query, headers?: Record<string, string>) => request<T>('GET', withQuery(path, query), undefined, headers),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};
