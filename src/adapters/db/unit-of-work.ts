/** Binds repositories to one drizzle transaction. */
import type { Repositories, UnitOfWork } from '../../app/shared/ports';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { currentStatementTimeout } from './statement-timeout';

/** Builds every repository on one connection or transaction (the context registry's, src/main/contexts/). */
export type RepositoryFactory = (db: Db) => Repositories;

export class DrizzleUnitOfWork implements UnitOfWork {
  constructor(
    private readonly db: Db,
    private readonly repositoriesFor: RepositoryFactory,
  ) {}
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
    const timeoutMs = currentStatementTimeout();
    return this.db.transaction(async (tx) => {
      if (timeoutMs) await tx.execute(sql.raw(`set local statement_timeout = ${Math.floor(timeoutMs)}`));
      return fn(this.repositoriesFor(tx as unknown as Db));
    });
  }
}
