/**
 * Contracts for identity and access: shared by the HTTP API and the web app.
 * Every field carries a doc comment; the API validates input with these schemas.
 */
import { z } from 'zod';
import {
  LOCALES,
  MODULES,
  ORGANISATION_KINDS,
  POLICE_REGIONS,
  ROLES,
  type Locale,
  type ModuleKey,
  type OrganisationKind,
  type Role,
} from '../core/shared/vocabulary';

export { MODULES, ORGANISATION_KINDS, ROLES };
export type { Locale, ModuleKey, OrganisationKind, Role };

export const RoleSchema = z.enum(ROLES);
export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);
export const ModuleSchema = z.enum(MODULES);

/** The geographic area an organisation works in. Empty lists mean none of that level. */
export const ScopeSchema = z
  .object({
    /** Four-digit SCB kommun codes, e.g. "2480". */
    kommuner: z.array(z.string().regex(/^\d{4}$/, 'a four-digit SCB kommun code')).default([]),
    /** Two-digit SCB län codes, e.g. "24". */
    lan: z.array(z.string().regex(/^\d{2}$/, 'a two-digit SCB län code')).default([]),
    /** Police region names. */
    polisregioner: z.array(z.enum(POLICE_REGIONS)).default([]),
  })
  .strict();
export type Scope = z.infer<typeof ScopeSchema>;

export const LocaleSchema = z.enum(LOCALES);

/** A done reset of the signed-in user's password or second factor, shown until acknowledged. */
export const AccountNoticeSchema = z.object({
  /** What was reset: the password or the second factor. */
  kind: z.enum(['password', 'totp']),
  /** When the reset took effect. */
  at: z.string(),
});
export type AccountNotice = z.infer<typeof AccountNoticeSchema>;

/** A reset of an operational account waiting for a second administrator (GET /api/admin/resets). */
export const AccountResetSchema = z.object({
  id: z.string(),
  /** The account to reset. */
  userId: z.string(),
  username: z.string(),
  kind: z.enum(['password', 'totp']),
  status: z.enum(['pending', 'done', 'refused']),
  /** Display name of the administrator who asked. */
  requestedBy: z.string(),
  requestedAt: z.string(),
});
export type AccountReset = z.infer<typeof AccountResetSchema>;

/** The signed-in user as the web app sees it (GET /api/auth/me). */
export const MeSchema = z.object({
  /** User id (uuid). */
  id: z.string(),
  /** Login name. */
  username: z.string(),
  /** Name shown in the app. */
  displayName: z.string(),
  /** The user's organisation. */
  organisation: z.object({ id: z.string(), name: z.string(), kind: OrganisationKindSchema }),
  /** The user's unit, if any. */
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Roles the user holds. */
  roles: z.array(RoleSchema),
  /** Modules the policy lets this user see, in navigation order. */
  modules: z.array(ModuleSchema),
  /**
   * What the policy lets this user do beyond seeing a module, decided on the server so the web
   * app shows a control only to those the server will let use it.
   */
  capabilities: z.object({
    /** Export an ad's evidence bundle (evidence read). */
    exportEvidence: z.boolean(),
    /** Correct linking: merge, split or detach profiles and networks (link create). */
    correctLinks: z.boolean(),
    /** Start a crawl of a source (crawl create). */
    startCrawls: z.boolean(),
  }),
  /** True until the user has replaced a one-time or initial password. */
  mustChangePassword: z.boolean(),
  /** True when the organisation requires TOTP and the user has not enrolled yet. */
  mustEnrollTotp: z.boolean(),
  /** Whether the user has a TOTP second factor. */
  hasTotp: z.boolean(),
  /** Idle timeout of the session in seconds. */
  idleTimeoutSeconds: z.number().int(),
  /** Resets of this account's password or second factor by an administrator, not yet acknowledged. */
  notices: z.array(AccountNoticeSchema),
});
export type Me = z.infer<typeof MeSchema>;

/** POST /api/auth/login */
export const LoginSchema = z
  .object({
    /** Login name. */
    username: z.string().trim().min(1).max(100),
    /** Password. */
    password: z.string().min(1).max(1000),
    /** Six-digit TOTP code, required when the user has a second factor. */
    totp: z
      .string()
      .regex(/^\d{6}$/, 'six digits')
      .optional(),
  })
  .strict();
export type LoginInput = z.infer<typeof LoginSchema>;

/** Passwords: at least 12 characters (NIST SP 800-63B length-first rule). */
export const PasswordSchema = z.string().min(12, 'at least 12 characters').max(1000);

/** POST /api/auth/password */
export const PasswordChangeSchema = z
  .object({
    /** The current (or one-time) password. */
    currentPassword: z.string().min(1).max(1000),
    /** The new password. */
    newPassword: PasswordSchema,
  })
  .strict();
export type PasswordChangeInput = z.infer<typeof PasswordChangeSchema>;

/** POST /api/auth/totp/enable */
export const TotpEnableSchema = z
  .object({
    /** A current six-digit code from the authenticator app, proving enrolment. */
    code: z.string().regex(/^\d{6}$/, 'six digits'),
  })
  .strict();

/** An organisation (admin views). */
export const OrganisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: OrganisationKindSchema,
  /** Users of this organisation must sign in with a TOTP second factor. */
  requireTotp: z.boolean(),
  scope: ScopeSchema,
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

/** POST /api/admin/organisations */
export const OrganisationCreateSchema = z
  .object({
    /** Display name, e.g. "Umeå kommun, socialtjänsten". */
    name: z.string().trim().min(2).max(200),
    kind: OrganisationKindSchema,
    requireTotp: z.boolean().default(false),
    scope: ScopeSchema.default({ kommuner: [], lan: [], polisregioner: [] }),
  })
  .strict();
export type OrganisationCreateInput = z.infer<typeof OrganisationCreateSchema>;

/** PATCH /api/admin/organisations/:id */
export const OrganisationUpdateSchema = z
  .object({
    name: z.string().trim().min(2).max(200).optional(),
    kind: OrganisationKindSchema.optional(),
    requireTotp: z.boolean().optional(),
    scope: ScopeSchema.optional(),
  })
  .strict();
export type OrganisationUpdateInput = z.infer<typeof OrganisationUpdateSchema>;

/** A unit inside an organisation, e.g. vuxenenheten or barn och unga. */
export const UnitSchema = z.object({ id: z.string(), organisationId: z.string(), name: z.string() });
export type Unit = z.infer<typeof UnitSchema>;

/** POST /api/admin/organisations/:id/units */
export const UnitCreateSchema = z.object({ name: z.string().trim().min(2).max(200) }).strict();
export type UnitCreateInput = z.infer<typeof UnitCreateSchema>;

/** A user (admin views). Never carries password hashes or TOTP secrets. */
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  organisationId: z.string(),
  unitId: z.string().nullable(),
  roles: z.array(RoleSchema),
  isDisabled: z.boolean(),
  /** Locked after repeated failed logins; an administrator can unlock. */
  isLocked: z.boolean(),
  hasTotp: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

/** POST /api/admin/users. The response carries a one-time password shown once. */
export const UserCreateSchema = z
  .object({
    /** Login name: lowercase letters, digits, dot, dash, underscore. */
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{3,64}$/, '3–64 characters: a–z, 0–9, dot, dash, underscore'),
    displayName: z.string().trim().min(1).max(200),
    organisationId: z.string().uuid(),
    unitId: z.string().uuid().nullable().default(null),
    roles: z.array(RoleSchema).min(1, 'at least one role'),
  })
  .strict();
export type UserCreateInput = z.infer<typeof UserCreateSchema>;

/** PATCH /api/admin/users/:id */
export const UserUpdateSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    unitId: z.string().uuid().nullable().optional(),
    roles: z.array(RoleSchema).min(1, 'at least one role').optional(),
    isDisabled: z.boolean().optional(),
    /** true clears a lock after failed logins. */
    unlock: z.literal(true).optional(),
    /** true issues a new one-time password (returned once). */
    resetPassword: z.literal(true).optional(),
    /** true removes the user's TOTP factor so they enrol again. */
    resetTotp: z.literal(true).optional(),
  })
  .strict();
export type UserUpdateInput = z.infer<typeof UserUpdateSchema>;

/** One row of the audit log. */
export const AuditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** User id of the actor, or null for the system. */
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** What happened, e.g. "auth.login", "user.create", "audit.read". */
  action: z.string(),
  /** Whether it succeeded or was refused. */
  outcome: z.enum(['success', 'failure', 'denied']),
  /** Kind and id of what it concerned. */
  resourceKind: z.string().nullable(),
  resourceId: z.string().nullable(),
  /** The purpose the actor gave, for reads of personal data. */
  purpose: z.string().nullable(),
  /** Correlation id of the request. */
  requestId: z.string().nullable(),
  /** Extra details (never secrets). */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** GET /api/admin/audit query. */
export const AuditQuerySchema = z
  .object({
    action: z.string().max(100).optional(),
    actorId: z.string().uuid().optional(),
    outcome: z.enum(['success', 'failure', 'denied']).optional(),
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    /** Return rows with seq lower than this (paging backwards from the newest). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** The error body of every non-2xx API response. */
export const ApiErrorSchema = z.object({
  error: z.object({
    /** SCREAMING_SNAKE error code, e.g. VALIDATION_FAILED, NOT_FOUND, FORBIDDEN. */
    code: z.string(),
    /** A human-readable message in English. */
    message: z.string(),
    /** Correlation id; also in the server log. */
    requestId: z.string(),
    /** For VALIDATION_FAILED: each problem with its path, e.g. ["roles", 0]. */
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Name of the CSRF cookie (readable by the web app) and the header that must echo it. */
export const CSRF_COOKIE = 'fyren_csrf';
export const CSRF_HEADER = 'x-csrf-token';
