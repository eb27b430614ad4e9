/** Real adapters for use-case tests, with a clock the test controls. */
import type { AppDeps, Clock } from '../../src/app/shared/ports';
import type { Database } from '../../src/adapters/db/client';
import { unitOfWorkFor } from '../../src/main/contexts';
import { Argon2Hasher } from '../../src/adapters/security/argon2-hasher';
import { CryptoRandom } from '../../src/adapters/security/crypto-random';
import { MemoryLoginThrottle } from '../../src/adapters/security/memory-throttle';

export class TestClock implements Clock {
  constructor(private current = new Date('2026-03-02T08:00:00Z')) {}
  now() {
    return new Date(this.current.getTime());
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function testDeps(database: Database, clock = new TestClock()): AppDeps & { clock: TestClock } {
  return {
    uow: unitOfWorkFor(database.db),
    clock,
    hasher: new Argon2Hasher(),
    random: new CryptoRandom(),
    throttle: new MemoryLoginThrottle(),
    auth: { idleTimeoutSeconds: 1800, sessionMaxSeconds: 12 * 3600, maxFailedLogins: 5, lockMinutes: 15 },
  };
}
