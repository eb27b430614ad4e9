import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AdmissionLimiter, admissionMiddleware } from './admission';

/** An app whose route waits until the test lets it finish. */
function appWith(limiter: AdmissionLimiter) {
  const gates: (() => void)[] = [];
  const app = new Hono();
  app.use('*', admissionMiddleware(limiter));
  app.get('/slow', async (c) => {
    await new Promise<void>((r) => gates.push(r));
    return c.json({ ok: true });
  });
  return { app, openAll: () => gates.splice(0).forEach((g) => g()) };
}
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('admission limit', () => {
  it('runs `concurrent` requests, queues `queue` more and answers the next at once with 503 and Retry-After', async () => {
    const limiter = new AdmissionLimiter({ concurrent: 2, queue: 1, maxWaitMs: 10_000, retryAfterSeconds: 3 });
    const { app, openAll } = appWith(limiter);
    const admitted = [app.request('/slow'), app.request('/slow'), app.request('/slow')];
    await tick();
    expect(limiter.stats()).toEqual({ running: 2, waiting: 1, refused: 0 });
    const started = performance.now();
    const refused = await app.request('/slow');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('OVERLOADED');
    openAll();
    await tick();
    openAll();
    const answers = await Promise.all(admitted);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(limiter.stats()).toEqual({ running: 0, waiting: 0, refused: 1 });
  });

  it('answers 503 to a queued request that waited its longest', async () => {
    const limiter = new AdmissionLimiter({ concurrent: 1, queue: 5, maxWaitMs: 30, retryAfterSeconds: 1 });
    const { app, openAll } = appWith(limiter);
    const first = app.request('/slow');
    await tick();
    const queued = await app.request('/slow');
    expect(queued.status).toBe(503);
    expect(queued.headers.get('retry-after')).toBe('1');
    openAll();
    expect((await first).status).toBe(200);
    expect(limiter.stats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it('refuses impossible settings', () => {
    expect(() => new AdmissionLimiter({ concurrent: 0, queue: 0, maxWaitMs: 1, retryAfterSeconds: 1 })).toThrow(/concurrent >= 1/);
  });
});
