import type { LoginThrottle } from '../../app/identity/ports';

/**
 * Counts failed sign-ins per key in a fixed window, in process memory. With several web
 * processes each keeps its own window; the per-account lock (in the database, counted
 * atomically) is the shared defence.
 */
export class MemoryLoginThrottle implements LoginThrottle {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 5 * 60_000,
  ) {}
  isBlocked(key: string, nowMs: number): boolean {
    const w = this.windows.get(key);
    return !!w && nowMs - w.start < this.windowMs && w.count >= this.maxFailures;
  }
  recordFailure(key: string, nowMs: number): void {
    const w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      this.windows.set(key, { start: nowMs, count: 1 });
      if (this.windows.size > 100_000) this.sweep(nowMs);
    } else w.count += 1;
  }
  reset(key: string): void {
    this.windows.delete(key);
  }
  private sweep(nowMs: number) {
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
  }
}
