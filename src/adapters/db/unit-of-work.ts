/** Binds repositories to one drizzle transaction. */
import type { Repositories, RetentionRepository, UnitOfWork } from '../../app/ports';
import { asc, sql } from 'drizzle-orm';
import { currentStatementTimeout } from './statement-timeout';
import type { Db } from './client';
import { DrizzleAdRepository, DrizzleCrawlRunRepository, DrizzleSettingsRepository } from './ad.repository';
import { DrizzleAuditRepository } from './audit.repository';
import { DrizzleDemandRepository } from './demand.repository';
import { DrizzleEvidenceRepository } from './evidence.repository';
import { DrizzleLinkRepository } from './link.repository';
import { DrizzleOutreachRepository } from './outreach.repository';
import { DrizzleStatsRepository } from './stats.repository';
import {
  DrizzleOrganisationRepository,
  DrizzleSessionRepository,
  DrizzleUnitRepository,
  DrizzleUserRepository,
} from './identity.repository';
import { retentionRule } from './schema';

class DrizzleRetentionRepository implements RetentionRepository {
  constructor(private readonly db: Db) {}
  list() {
    return this.db
      .select({
        category: retentionRule.category,
        keepDays: retentionRule.keepDays,
        description: retentionRule.description,
        source: retentionRule.source,
      })
      .from(retentionRule)
      .orderBy(asc(retentionRule.category));
  }
}

export function repositoriesFor(db: Db): Repositories {
  return {
    demand: new DrizzleDemandRepository(db),
    ads: new DrizzleAdRepository(db),
    links: new DrizzleLinkRepository(db),
    outreach: new DrizzleOutreachRepository(db),
    stats: new DrizzleStatsRepository(db),
    crawlRuns: new DrizzleCrawlRunRepository(db),
    evidence: new DrizzleEvidenceRepository(db),
    settings: new DrizzleSettingsRepository(db),
    organisations: new DrizzleOrganisationRepository(db),
    units: new DrizzleUnitRepository(db),
    users: new DrizzleUserRepository(db),
    sessions: new DrizzleSessionRepository(db),
    audit: new DrizzleAuditRepository(db),
    retention: new DrizzleRetentionRepository(db),
  };
}

export class DrizzleUnitOfWork implements UnitOfWork {
  constructor(private readonly db: Db) {}
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
    const timeoutMs = currentStatementTimeout();
    return this.db.transaction(async (tx) => {
      if (timeoutMs) await tx.execute(sql.raw(`set local statement_timeout = ${Math.floor(timeoutMs)}`));
      return fn(repositoriesFor(tx as unknown as Db));
    });
  }
}
