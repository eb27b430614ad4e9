/** Binds repositories to one drizzle transaction. */
import type { Repositories, UnitOfWork } from '../../app/shared/ports';
import type { Db } from './client';

/** Builds every repository on one connection or transaction (the context registry's, src/main/contexts/). */
export type RepositoryFactory = (db: Db) => Repositories;

export class DrizzleUnitOfWork implements UnitOfWork {
  constructor(
    private readonly db: Db,
    private readonly repositoriesFor: RepositoryFactory,
  ) {}
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(this.repositoriesFor(tx as unknown as Db)));
  }
}
