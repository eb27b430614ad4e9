/**
 * The purpose rule: a search, read or export of personal data states why it is made (a case or
 * operation reference), and the audit log records it. One rule for the server, the CLI and the
 * web app's forms. Zod-free and without Node built-ins, so the browser can import it.
 */
import { DomainError } from './errors';

/** The shortest purpose accepted, in characters after trimming. */
export const PURPOSE_MIN_LENGTH = 3;

/** Whether `purpose` states a purpose (at least PURPOSE_MIN_LENGTH characters besides spaces at the ends). */
export function isPurposeStated(purpose: string | null | undefined): purpose is string {
  return typeof purpose === 'string' && purpose.trim().length >= PURPOSE_MIN_LENGTH;
}

/** Throws PURPOSE_REQUIRED with `message` (which says where the purpose goes) unless a purpose is stated. */
export function requirePurpose(purpose: string | null | undefined, message: string): void {
  if (!isPurposeStated(purpose)) throw new DomainError('PURPOSE_REQUIRED', message);
}
