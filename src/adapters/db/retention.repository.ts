import { asc } from 'drizzle-orm';
import type { RetentionRepository } from '../../app/retention/ports';
import type { Db } from './client';
import { retentionRule } from './schema';

export class DrizzleRetentionRepository implements RetentionRepository {
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
