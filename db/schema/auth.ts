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
		// Second-factor failures count on their own (PCI DSS 8.3.4): a right password must
		// not reset them, or 9 codes, a sign-in, 9 more… would never lock. Only a completed
		// sign-in (a full session) clears them.
		failedMfa: integer('failed_mfa').notNull().default(0),
		// Set when someone else chose the password (an admin's temporary password, a new
		// account): the person must change it at first use (PCI DSS 8.3.5).
		passwordChangeRequired: integer('password_change_required', { mode: 'boolean' })
			.notNull()
			.default(false),
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
		authenticatedAt: integer('authenticated_at').notNull().default(0),
		// "Chrome on Android": a summary the person can recognise in their session list,
		// never the raw User-Agent (free text a client chooses).
		device: text('device')
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

// Refused access (PCI DSS 10.2.1.4) counted per kind, who (person, key or address) and
// route in a fixed window: the first refusal of a window writes an audit entry, the rest
// only count here, and a closed window's total is written to the audit log when the next
// refusal of that kind arrives. A flood therefore adds a bounded number of rows.
export const accessRefusals = sqliteTable(
	'access_refusals',
	{
		kind: text('kind').notNull(),
		subject: text('subject').notNull(),
		route: text('route').notNull(),
		windowStart: integer('window_start').notNull(),
		count: integer('count').notNull(),
		// The count of the window before this one, kept when a new window opens.
		previousCount: integer('previous_count').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.kind, t.subject, t.route] }),
		index('access_refusals_window').on(t.windowStart)
	]
);
