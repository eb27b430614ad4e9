/** The one table that maps error codes to HTTP statuses, and the error body builder. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError } from '../../contracts/identity';
import type { ErrorCode } from '../../core/shared/errors';

export const HTTP_STATUS: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  VALIDATION_FAILED: 400,
  PASSWORD_REUSED: 400,
  PURPOSE_REQUIRED: 400,
  INVALID_TOTP: 401,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_REQUIRED: 401,
  ACCOUNT_DISABLED: 403,
  CSRF_FAILED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_ENROLMENT_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DEMO_SMS_REFUSED: 409,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  SMS_GATEWAY_FAILED: 502,
};

export type Issue = { path: (string | number)[]; message: string };

export function errorBody(code: string, message: string, requestId: string, issues?: Issue[]): ApiError {
  return { error: { code, message, requestId, ...(issues ? { issues } : {}) } };
}

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, issues?: Issue[]) {
  const requestId = (c.get('requestId' as never) as string | undefined) ?? 'unknown';
  return c.json(errorBody(code, message, requestId, issues), status);
}
