/**
 * Ports of identity & access: organisations, units, users, sessions, passwords, sign-in throttling.
 * Adapters implement them; the context's registration (src/main/contexts/) wires them.
 */
import type { Locale, OrganisationKind, Role, Scope } from '../../contracts/identity';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Cryptographic randomness. */
export interface RandomSource {
  /** A URL-safe random token with `bytes` bytes of entropy. */
  token(bytes: number): string;
  /** A base32 TOTP secret (160 bits). */
  totpSecret(): string;
}

/** Limits failed sign-ins per client address and per user name (429 when exceeded). */
export interface LoginThrottle {
  /** True when `key` has had too many failures in the current window. */
  isBlocked(key: string, nowMs: number): boolean;
  recordFailure(key: string, nowMs: number): void;
  reset(key: string): void;
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  requireTotp: boolean;
  scope: Scope;
  createdAt: Date;
}

export interface UnitRow {
  id: string;
  organisationId: string;
  name: string;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  organisationId: string;
  unitId: string | null;
  roles: Role[];
  passwordHash: string;
  mustChangePassword: boolean;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  failedLogins: number;
  lockedUntil: Date | null;
  isDisabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export interface OrganisationRepository {
  list(): Promise<OrganisationRow[]>;
  get(id: string): Promise<OrganisationRow | null>;
  insert(input: Omit<OrganisationRow, 'id' | 'createdAt'>): Promise<OrganisationRow>;
  update(id: string, patch: Partial<Pick<OrganisationRow, 'name' | 'kind' | 'requireTotp' | 'scope'>>): Promise<OrganisationRow | null>;
  count(): Promise<number>;
}

export interface UnitRepository {
  listByOrganisation(organisationId: string): Promise<UnitRow[]>;
  get(id: string): Promise<UnitRow | null>;
  insert(input: Omit<UnitRow, 'id'>): Promise<UnitRow>;
}

export interface UserRepository {
  list(): Promise<UserRow[]>;
  get(id: string): Promise<UserRow | null>;
  /** Takes a row lock, for read-modify-write inside a transaction. */
  getForUpdate(id: string): Promise<UserRow | null>;
  findByUsername(username: string): Promise<UserRow | null>;
  insert(
    input: Pick<UserRow, 'username' | 'displayName' | 'organisationId' | 'unitId' | 'roles' | 'passwordHash' | 'mustChangePassword'>,
  ): Promise<UserRow>;
  update(id: string, patch: Partial<Omit<UserRow, 'id' | 'createdAt'>>, now: Date): Promise<UserRow>;
  count(): Promise<number>;
  /**
   * Atomically counts a failed sign-in; at `max` failures the account locks for
   * `lockMinutes` and the counter restarts.
   */
  recordFailedLogin(id: string, max: number, lockMinutes: number, now: Date): Promise<{ isNewlyLocked: boolean; lockedUntil: Date }>;
  /** Atomically records a used TOTP time step; false when it (or a later one) was already used. */
  claimTotpStep(id: string, step: number): Promise<boolean>;
}

export interface SessionRepository {
  insert(row: SessionRow): Promise<void>;
  get(id: string): Promise<SessionRow | null>;
  touch(id: string, at: Date): Promise<void>;
  end(id: string, at: Date): Promise<void>;
  endAllForUser(userId: string, at: Date, exceptId?: string): Promise<void>;
  /** Deletes sessions that ended or expired before `before`; returns how many. */
  purgeEndedBefore(before: Date, now: Date): Promise<number>;
}

export interface AuthSettings {
  /** Idle timeout of a session. */
  idleTimeoutSeconds: number;
  /** Absolute lifetime of a session. */
  sessionMaxSeconds: number;
  /** Consecutive failures before an account locks. */
  maxFailedLogins: number;
  /** How long a lock lasts unless an administrator unlocks it earlier. */
  lockMinutes: number;
}

export type { Locale };

declare module '../shared/ports' {
  /** The repositories of this context, bound to one transaction. */
  interface Repositories {
    organisations: OrganisationRepository;
    units: UnitRepository;
    users: UserRepository;
    sessions: SessionRepository;
  }
}
