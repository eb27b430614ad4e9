/**
 * Error codes for rule violations. Expected outcomes are data; a DomainError means a rule
 * was broken. Every code maps to one HTTP status in src/adapters/http/errors.ts.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'TOTP_REQUIRED',
  'INVALID_TOTP',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'RATE_LIMITED',
  'CSRF_FAILED',
  'PASSWORD_CHANGE_REQUIRED',
  'TOTP_ENROLMENT_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PASSWORD_REUSED',
  'PURPOSE_REQUIRED',
  'SMS_GATEWAY_FAILED',
  'DEMO_SMS_REFUSED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A broken domain rule. `code` is stable and machine-readable; `message` is for developers. */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
