/**
 * Admission limit for the API (issue #25): at most `concurrent` requests run at a time (the
 * database pool's size, so an admitted request never waits for a connection), up to `queue` more
 * wait for their turn in arrival order, and any request beyond that is answered at once with
 * 503 and Retry-After instead of queueing for seconds and failing with a 500. A queued request
 * that waited `maxWaitMs` without its turn gets the same answer.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { errorResponse } from './errors';

export interface AdmissionSettings {
  /** Requests that run at once. */
  concurrent: number;
  /** Requests that may wait for a turn; beyond it, 503 at once. */
  queue: number;
  /** The longest a request waits for its turn before a 503. */
  maxWaitMs: number;
  /** Seconds a client is told to wait (Retry-After). */
  retryAfterSeconds: number;
}

/** What the limiter has done: for /readyz-style monitoring and tests. */
export interface AdmissionStats {
  running: number;
  waiting: number;
  refused: number;
}

export class AdmissionLimiter {
  private running = 0;
  private refused = 0;
  private readonly waiting: { grant: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(readonly settings: AdmissionSettings) {
    if (!(settings.concurrent >= 1) || !(settings.queue >= 0)) throw new Error('admission: concurrent >= 1 and queue >= 0 required');
  }

  stats(): AdmissionStats {
    return { running: this.running, waiting: this.waiting.length, refused: this.refused };
  }

  /** Resolves true with a turn (call `release()` after), or false when the request is refused. */
  acquire(): Promise<boolean> {
    if (this.running < this.settings.concurrent) {
      this.running += 1;
      return Promise.resolve(true);
    }
    if (this.waiting.length >= this.settings.queue) {
      this.refused += 1;
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const entry = {
        grant: () => {
          clearTimeout(entry.timer);
          resolve(true);
        },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          this.refused += 1;
          resolve(false);
        }, this.settings.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    // The turn passes straight to the next waiting request: `running` stays the same.
    if (next) next.grant();
    else this.running -= 1;
  }
}

/** Answers 503 with Retry-After: the server is busy, not broken. */
export function overloaded(c: Context, retryAfterSeconds: number) {
  c.header('retry-after', String(retryAfterSeconds));
  return errorResponse(c, 503, 'OVERLOADED', `the server is busy; try again in ${retryAfterSeconds} s`);
}

export function admissionMiddleware(limiter: AdmissionLimiter): MiddlewareHandler {
  return async (c, next) => {
    if (!(await limiter.acquire())) return overloaded(c, limiter.settings.retryAfterSeconds);
    try {
      await next();
    } finally {
      limiter.release();
    }
  };
}
