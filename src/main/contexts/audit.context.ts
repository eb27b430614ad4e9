import { DrizzleAuditRepository } from '../../adapters/db/audit.repository';
import { DrizzleRetentionRepository } from '../../adapters/db/retention.repository';
import { defineContext } from './context';

/** The audit log (its API is under /api/admin) and the retention rules every context's purgers follow. */
export const auditContext = defineContext({
  name: 'audit',
  repositories: (db) => ({ audit: new DrizzleAuditRepository(db), retention: new DrizzleRetentionRepository(db) }),
});
