/**
 * Repositories for organisations, units, users and sessions (identity & access context).
 */
import { and, asc, count, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import type {
  OrganisationRepository,
  OrganisationRow,
  SessionRepository,
  SessionRow,
  UnitRepository,
  UnitRow,
  UserRepository,
  UserRow,
} from '../../app/identity/ports';
import type { OrganisationKind, Role } from '../../contracts/identity';
import type { Db } from './client';
import { appUser, organisation, session, unit } from './schema';

type OrgRecord = typeof organisation.$inferSelect;
const toOrg = (r: OrgRecord): OrganisationRow => ({ ...r, kind: r.kind as OrganisationKind });

export class DrizzleOrganisationRepository implements OrganisationRepository {
  constructor(private readonly db: Db) {}
  async list() {
    return (await this.db.select().from(organisation).orderBy(asc(organisation.name))).map(toOrg);
  }
  async get(id: string) {
    const [row] = await this.db.select().from(organisation).where(eq(organisation.id, id));
    return row ? toOrg(row) : null;
  }
  async insert(input: Omit<OrganisationRow, 'id' | 'createdAt'>) {
    const [row] = await this.db.insert(organisation).values(input).returning();
    return toOrg(row!);
  }
  async update(id: string, patch: Partial<Pick<OrganisationRow, 'name' | 'kind' | 'requireTotp' | 'scope'>>) {
    if (Object.keys(patch).length === 0) return this.get(id);
    const [row] = await this.db.update(organisation).set(patch).where(eq(organisation.id, id)).returning();
    return row ? toOrg(row) : null;
  }
  async count() {
    const [row] = await this.db.select({ n: count() }).from(organisation);
    return row?.n ?? 0;
  }
}

export class DrizzleUnitRepository implements UnitRepository {
  constructor(private readonly db: Db) {}
  async listByOrganisation(organisationId: string): Promise<UnitRow[]> {
    return this.db
      .select({ id: unit.id, organisationId: unit.organisationId, name: unit.name })
      .from(unit)
      .where(eq(unit.organisationId, organisationId))
      .orderBy(asc(unit.name));
  }
  async get(id: string): Promise<UnitRow | null> {
    const [row] = await this.db
      .select({ id: unit.id, organisationId: unit.organisationId, name: unit.name })
      .from(unit)
      .where(eq(unit.id, id));
    return row ?? null;
  }
  async insert(input: Omit<UnitRow, 'id'>): Promise<UnitRow> {
    const [row] = await this.db.insert(unit).values(input).returning({ id: unit.id, organisationId: unit.organisationId, name: unit.name });
    return row!;
  }
}

type UserRecord = typeof appUser.$inferSelect;
const toUser = (r: UserRecord): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  organisationId: r.organisationId,
  unitId: r.unitId,
  roles: r.roles as Role[],
  passwordHash: r.passwordHash,
  mustChangePassword: r.mustChangePassword,
  totpSecret: r.totpSecret,
  totpPendingSecret: r.totpPendingSecret,
  totpLastStep: r.totpLastStep,
  failedLogins: r.failedLogins,
  lockedUntil: r.lockedUntil,
  isDisabled: r.isDisabled,
  lastLoginAt: r.lastLoginAt,
  createdAt: r.createdAt,
});

export class DrizzleUserRepository implements UserRepository {
  constructor(private readonly db: Db) {}
  async list() {
    return (await this.db.select().from(appUser).orderBy(asc(appUser.username))).map(toUser);
  }
  async get(id: string) {
    const [row] = await this.db.select().from(appUser).where(eq(appUser.id, id));
    return row ? toUser(row) : null;
  }
  async getForUpdate(id: string) {
    const [row] = await this.db.select().from(appUser).where(eq(appUser.id, id)).for('update');
    return row ? toUser(row) : null;
  }
  async findByUsername(username: string) {
    const [row] = await this.db.select().from(appUser).where(eq(appUser.username, username));
    return row ? toUser(row) : null;
  }
  async insert(input: Parameters<UserRepository['insert']>[0]) {
    const [row] = await this.db.insert(appUser).values(input).returning();
    return toUser(row!);
  }
  async update(id: string, patch: Partial<Omit<UserRow, 'id' | 'createdAt'>>, now: Date) {
    const [row] = await this.db
      .update(appUser)
      .set({ ...patch, updatedAt: now })
      .where(eq(appUser.id, id))
      .returning();
    if (!row) throw new Error(`user ${id} vanished during update`);
    return toUser(row);
  }
  async count() {
    const [row] = await this.db.select({ n: count() }).from(appUser);
    return row?.n ?? 0;
  }
  async recordFailedLogin(id: string, max: number, lockMinutes: number, now: Date) {
    const until = new Date(now.getTime() + lockMinutes * 60_000);
    const [row] = await this.db
      .update(appUser)
      .set({
        failedLogins: sql`case when ${appUser.failedLogins} + 1 >= ${max} then 0 else ${appUser.failedLogins} + 1 end`,
        lockedUntil: sql`case when ${appUser.failedLogins} + 1 >= ${max} then ${until}::timestamptz else ${appUser.lockedUntil} end`,
      })
      .where(eq(appUser.id, id))
      .returning({ lockedUntil: appUser.lockedUntil });
    const isNewlyLocked = row?.lockedUntil?.getTime() === until.getTime();
    return { isNewlyLocked, lockedUntil: until };
  }
  async claimTotpStep(id: string, step: number) {
    const rows = await this.db
      .update(appUser)
      .set({ totpLastStep: step })
      .where(and(eq(appUser.id, id), sql`(${appUser.totpLastStep} is null or ${appUser.totpLastStep} < ${step})`))
      .returning({ id: appUser.id });
    return rows.length === 1;
  }
}

export class DrizzleSessionRepository implements SessionRepository {
  constructor(private readonly db: Db) {}
  async insert(row: SessionRow) {
    await this.db.insert(session).values(row);
  }
  async get(id: string) {
    const [row] = await this.db.select().from(session).where(eq(session.id, id));
    return row ?? null;
  }
  async touch(id: string, at: Date) {
    await this.db.update(session).set({ lastSeenAt: at }).where(eq(session.id, id));
  }
  async end(id: string, at: Date) {
    await this.db
      .update(session)
      .set({ endedAt: at })
      .where(and(eq(session.id, id), sql`${session.endedAt} is null`));
  }
  async endAllForUser(userId: string, at: Date, exceptId?: string) {
    await this.db
      .update(session)
      .set({ endedAt: at })
      .where(and(eq(session.userId, userId), sql`${session.endedAt} is null`, exceptId ? sql`${session.id} <> ${exceptId}` : undefined));
  }
  async purgeEndedBefore(before: Date, now: Date) {
    const rows = await this.db
      .delete(session)
      .where(
        or(and(isNotNull(session.endedAt), lt(session.endedAt, before)), and(lt(session.expiresAt, before), lt(session.expiresAt, now))),
      )
      .returning({ id: session.id });
    return rows.length;
  }
}
