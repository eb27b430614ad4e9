import { createHash } from 'node:crypto';

/** Sessions are stored by the SHA-256 of their cookie token, so a database leak yields no live session. */
export const sessionIdFromToken = (token: string): string => createHash('sha256').update(token).digest('hex');
