/**
 * A context registration: everything one bounded context plugs into the application, in one
 * place. A new module writes one of these and adds it to CONTEXTS (index.ts).
 */
import type { Db } from '../../adapters/db/client';
import type { RouteModule } from '../../adapters/http/context';
import type { RetentionPurger } from '../../app/retention/purger';
import type { Repositories } from '../../app/shared/ports';

export interface ContextRegistration<K extends keyof Repositories = keyof Repositories> extends RouteModule {
  /** The context's name, as in src/app/<name>/. */
  name: string;
  /** Its repositories, bound to one connection or transaction. */
  repositories(db: Db): Pick<Repositories, K>;
  /** Its retention purgers (gallring), one per category of the retention_rule table. */
  retention?: readonly RetentionPurger[];
}

/** Declares a registration; `K` is inferred from the repositories it builds. */
export function defineContext<K extends keyof Repositories>(registration: ContextRegistration<K>): ContextRegistration<K> {
  return registration;
}
