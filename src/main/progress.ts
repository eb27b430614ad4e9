/**
 * A progress display for long CLI runs: a live bar on a terminal, and a plain line every
 * few seconds when the output is a log or CI (no control characters in logs).
 */
export class ProgressLine {
  private lastPlain = 0;
  private frame = 0;
  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly label: string,
    private readonly plainEveryMs = 5_000,
  ) {}

  /** Shows `text`; `fraction` (0–1) fills the bar when the total is known, else the bar pulses. */
  update(text: string, fraction: number | null = null): void {
    if (this.out.isTTY) {
      const width = 20;
      let bar: string;
      if (fraction !== null) {
        const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
        bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      } else {
        const pos = this.frame++ % width;
        bar = '░'.repeat(pos) + '███' + '░'.repeat(Math.max(0, width - pos - 3));
        bar = bar.slice(0, width);
      }
      const line = `${this.label} ▕${bar}▏ ${text}`;
      this.out.write(`\r${line.slice(0, (this.out.columns ?? 120) - 1)}\u001b[K`);
      return;
    }
    const now = Date.now();
    if (now - this.lastPlain >= this.plainEveryMs) {
      this.lastPlain = now;
      this.out.write(`${this.label}: ${text}\n`);
    }
  }

  /** Prints the final state on its own line. */
  done(text: string): void {
    this.out.write(this.out.isTTY ? `\r${this.label}: ${text}\u001b[K\n` : `${this.label}: ${text}\n`);
  }
}
