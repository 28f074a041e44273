import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './common';

export const ROLES = ['admin', 'manager', 'support', 'warehouse'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
	'users',
	{
		id: text('id').primaryKey(),
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		role: text('role', { enum: ROLES }).notNull(),
		passwordHash: text('password_hash').notNull(),
		createdAt: createdAt(),
		disabledAt: integer('disabled_at'),
		lastSignInAt: integer('last_sign_in_at'),
		failedSignIns: integer('failed_sign_ins').notNull().default(0),
		lockedUntil: integer('locked_until'),
		// TOTP (PCI DSS 8.4): the secret is sealed with AES-GCM under ORDO_DATA_KEY,
		// never stored readable; the last accepted time step refuses a replayed code.
		totpSecret: text('totp_secret'),
		totpPendingSecret: text('totp_pending_secret'),
		totpLastStep: integer('totp_last_step'),
		mfaEnrolledAt: integer('mfa_enrolled_at')
	},
	(t) => [
		check('users_role_known', sql`${t.role} IN ('admin', 'manager', 'support', 'warehouse')`),
		check('users_email_lower', sql`${t.email} = lower(${t.email})`)
	]
);

// Lucia's design: the cookie holds a random token, the database only its SHA-256.
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		lastUsedAt: integer('last_used_at').notNull(),
		idleExpiresAt: integer('idle_expires_at').notNull(),
		absoluteExpiresAt: integer('absolute_expires_at').notNull(),
		// 'full' sessions may use Ordo; 'mfa' ones only finish the second factor
		// (verify, or enrol when the role requires it and none is set up yet).
		stage: text('stage', { enum: ['full', 'mfa'] })
			.notNull()
			.default('full'),
		// When the person last proved who they are (password + MFA); changing a
		// password or MFA needs this to be recent (re-authentication).
		authenticatedAt: integer('authenticated_at').notNull().default(0)
	},
	(t) => [
		index('sessions_user').on(t.userId),
		index('sessions_absolute').on(t.absoluteExpiresAt),
		index('sessions_idle').on(t.idleExpiresAt)
	]
);

// Integration keys: shown once, only the SHA-256 kept, scoped to named permissions.
export const apiKeys = sqliteTable(
	'api_keys',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		prefix: text('prefix').notNull(),
		keyHash: text('key_hash').notNull().unique(),
		permissions: text('permissions', { mode: 'json' }).$type<string[]>().notNull(),
		createdBy: text('created_by').references(() => users.id),
		createdAt: createdAt(),
		lastUsedAt: integer('last_used_at'),
		revokedAt: integer('revoked_at')
	},
	(t) => [check('api_keys_permissions_array', sql`json_type(${t.permissions}) = 'array'`)]
);

// Fixed-window counters for rate limits (sign-in per account and per address).
// Kept in the database, not in memory: every isolate must see the same count.
export const rateLimits = sqliteTable(
	'rate_limits',
	{
		key: text('key').primaryKey(),
		windowStart: integer('window_start').notNull(),
		count: integer('count').notNull()
	},
	(t) => [index('rate_limits_window').on(t.windowStart)]
);

// One-time MFA recovery codes: high-entropy, so a SHA-256 is enough (NIST 800-63B 5.1.2.2).
export const recoveryCodes = sqliteTable(
	'recovery_codes',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		usedAt: integer('used_at'),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.userId, t.codeHash] })]
);
