import type { LoginThrottle } from '../../app/ports';

/**
 * A fixed-window counter per key, in process memory. With several web processes each keeps
 * its own window; the per-account lock (in the database) is the shared defence.
 */
export class MemoryLoginThrottle implements LoginThrottle {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly maxAttempts = 10,
    private readonly windowMs = 5 * 60_000,
  ) {}
  attempt(key: string, nowMs: number): boolean {
    const w = this.windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      this.windows.set(key, { start: nowMs, count: 1 });
      if (this.windows.size > 100_000) this.sweep(nowMs);
      return true;
    }
    w.count += 1;
    return w.count <= this.maxAttempts;
  }
  reset(key: string): void {
    this.windows.delete(key);
  }
  private sweep(nowMs: number) {
    for (const [k, w] of this.windows) if (nowMs - w.start >= this.windowMs) this.windows.delete(k);
  }
}
