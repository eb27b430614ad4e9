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
  private readonly unknown = new Map<string, { failures: number; lockedUntil: number }>();
  recordUnknownFailure(key: string, nowMs: number, max: number, lockMs: number): void {
    const u = this.unknown.get(key) ?? { failures: 0, lockedUntil: 0 };
    u.failures += 1;
    // As the database counts an account's failures: at `max` the name locks and the count restarts.
    if (u.failures >= max) Object.assign(u, { failures: 0, lockedUntil: nowMs + lockMs });
    this.unknown.set(key, u);
    if (this.unknown.size > 100_000) for (const [k, v] of this.unknown) if (v.lockedUntil < nowMs) this.unknown.delete(k);
  }
  isUnknownLocked(key: string, nowMs: number): boolean {
    return (this.unknown.get(key)?.lockedUntil ?? 0) > nowMs;
  }
  private sweep(nowMs: number) {
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
  }
}
