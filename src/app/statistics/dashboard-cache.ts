/**
 * Published dashboards cached per area, period, comparisons and threshold (issue #25), valid until
 * the statistics aggregates change: each entry carries the aggregates' version (bumped in the same
 * transaction as every refresh, `StatsRepository.version()`), and a request whose version differs
 * computes the dashboard again. Every process checks the version, so a refresh made by another
 * process (a worker's linking, `fyren link`) is seen at once.
 */
export class DashboardCache<T> {
  private readonly entries = new Map<string, { version: number; value: T }>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string, version: number): T | undefined {
    const e = this.entries.get(key);
    return e && e.version === version ? e.value : undefined;
  }

  set(key: string, version: number, value: T): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { version, value });
  }

  get size(): number {
    return this.entries.size;
  }
}
