import { hostname } from 'node:os';
import type { RunnerInfo } from '../../app/intelligence/ports';

/** This process as a crawl runner; a pid on this host is alive when signal 0 reaches it. */
export const thisProcessRunner: RunnerInfo = {
  host: hostname(),
  pid: process.pid,
  isAlive(host: string, pid: number) {
    if (host !== hostname()) return true;
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};
