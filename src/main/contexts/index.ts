/**
 * The context registry: every bounded context's registration, in the order their routes are
 * mounted. Adding a module means adding its registration here (see "Add a module" in
 * docs/ARCHITECTURE.md).
 */
import type { Db } from '../../adapters/db/client';
import { DrizzleUnitOfWork } from '../../adapters/db/unit-of-work';
import type { RetentionPurger } from '../../app/retention/purger';
import type { Repositories } from '../../app/shared/ports';
import { auditContext } from './audit.context';
import { demandContext } from './demand.context';
import { identityContext } from './identity.context';
import { intelligenceContext } from './intelligence.context';
import { outreachContext } from './outreach.context';
import { statisticsContext } from './statistics.context';

export const CONTEXTS = [identityContext, auditContext, intelligenceContext, outreachContext, statisticsContext, demandContext] as const;

type Registered = (typeof CONTEXTS)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The repositories the registered contexts build; the compiler refuses a registry that leaves one out. */
type Built = UnionToIntersection<ReturnType<Registered['repositories']>>;
const isComplete: Built extends Repositories ? true : false = true;
void isComplete;

/** Every registered context's repositories, on one connection or transaction. */
export function repositoriesFor(db: Db): Repositories {
  return Object.assign({}, ...CONTEXTS.map((c) => c.repositories(db))) as Repositories;
}

/** A unit of work over every registered context's repositories. */
export function unitOfWorkFor(db: Db): DrizzleUnitOfWork {
  return new DrizzleUnitOfWork(db, repositoriesFor);
}

/** Every registered retention purger (gallring), one per category. */
export const RETENTION_PURGERS: readonly RetentionPurger[] = CONTEXTS.flatMap((c) => ('retention' in c ? c.retention : undefined) ?? []);
