import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// no-restricted-imports takes one options list per file: a later block that matches a file
// REPLACES an earlier block's list, it does not add to it. So each group of files below
// gets every ban that applies to it, built from these pieces, and
// tests/api/lint.test.ts proves each ban still fires where it should.

// worker/ and web/ run in workerd; Node built-ins stay behind the Node-only seams
// (db/migration-files.ts, scripts/, tests/). workerd's compatibility date turns node:
// modules on, so the edge tests would not catch a slip: this rule does.
const noNode = { group: ['node:*'], message: 'Use Web APIs: this code runs in workerd.' };

// Thin routes (STYLE rule 3): a route validates, checks the permission and calls one verb.
// It never touches the database, so no guard in a verb can be skipped.
const routesNoDb = {
	group: ['**/db/**', '**/db', 'drizzle-orm', 'drizzle-orm/*', '@libsql/*'],
	message: 'Routes call verbs; verbs use the database.'
};

// The UI talks to the API over HTTP like any integration (DESIGN §2).
const pagesNoDb = {
	group: ['**/db/**', '**/db', 'drizzle-orm', 'drizzle-orm/*', '@libsql/*'],
	message: 'Pages use the API client, not the database.'
};

// A feature's public face is small (STYLE rule 13): another feature may import only the
// modules listed here; everything else in a feature folder is its own. Add a module to
// this list when it becomes public, on purpose.
const PUBLIC_FEATURE_MODULES = [
	'audit/record',
	// The scheduled jobs (maintenance) run the audit log's sealing and retention purge.
	'audit/purge-audit',
	'audit/seal-audit-log',
	'auth/create-user',
	// The scheduled jobs turn closed refusal windows into audit entries.
	'auth/flush-refusals',
	// Staff admin sets temporary passwords with the same hashing and policy.
	'auth/password',
	// The stock ledger's batch-statement builders: orders, fulfilment, returns and counts
	// compose them into their own single batch.
	'inventory/ledger',
	// Orders' seams for payments and fulfilment: the lifecycle table, the timeline writer
	// and where refund intents are recorded.
	'orders/lifecycle',
	'orders/refund-seam',
	'orders/timeline',
	// isoTime is a formatting helper that belongs in worker/lib; listed until it moves.
	'users/internal',
	// The scheduled jobs (maintenance): reservation expiry, payment reconciliation, webhook
	// retries and refund sending, and the provider they use.
	'orders/expire-unpaid',
	'payments/configure',
	'payments/scheduled',
	// Customers' normalisation (trim, NFC, case-folded email, E.164, postcodes): duplicates
	// and import store and compare the same forms.
	'customers/normalise',
	// The scheduled jobs drain the duplicate finder's queue (customers changed since it looked).
	'customers/duplicates/refresh-duplicates',
	// The outbound webhooks' outbox: every feature writes its events in its own batch.
	'webhooks/emit',
	// The scheduled jobs (maintenance) fan events out and send webhook deliveries.
	'webhooks/deliver-webhooks',
	// The scan lookup (issue 10) shows a scanned product's stock with the same badges.
	'inventory/stock-status',
	'inventory/schemas',
	// The scheduled jobs (maintenance) expire authorised returns nothing came back for.
	'returns/expire-returns',
	// The scheduled jobs (maintenance) deliver customer notifications (returns/notify).
	'returns/notify/deliver-notifications',
	// returns/receiving re-decides a line after inspection with its sibling, returns/policy
	// (seen from a sub-folder, `../policy/…` reads as another feature).
	'policy/decide'
];
const featureInternals = {
	regex: `^\\.\\./(?!(${PUBLIC_FEATURE_MODULES.join('|')})$)[a-z-]+/`,
	message:
		"Another feature's internals: import its public module (eslint.config.js lists them) or move the shared code to worker/lib."
};

// Scripts and the bench use the app, never the tests (STYLE rule 13).
const toolsNoTests = {
	group: ['**/tests/**'],
	message: 'Scripts use the app, not the tests: move what both need out of tests/.'
};

// db/ is the schema, the migrations and the client: it uses nothing of the app.
const dbNoApp = {
	group: ['**/worker/**', '**/scripts/**', '**/web/**', '**/tests/**'],
	message: 'db/ uses nothing of the app: the seed and other app scripts live in scripts/.'
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default ts.config(
	{
		ignores: [
			'.svelte-kit/',
			'.wrangler/',
			'.data/',
			'node_modules/',
			'db/migrations/',
			'db/migrations.generated.ts',
			'test-results/',
			'playwright-report/',
			// Files that must fail lint, linted by tests/api/lint.test.ts under paths in web/ and worker/.
			'tests/lint/fixtures/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['worker/**/*.ts', 'web/**/*.ts', 'web/**/*.svelte'],
		ignores: ['**/*.test.ts'],
		rules: restrict(noNode)
	},
	{
		files: ['worker/features/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: restrict(noNode, featureInternals)
	},
	{
		files: ['worker/features/**/routes.ts', 'worker/features/**/*-routes.ts'],
		rules: restrict(noNode, featureInternals, routesNoDb)
	},
	{
		files: ['web/**/*.ts', 'web/**/*.svelte'],
		ignores: ['web/hooks.server.ts', '**/*.test.ts'],
		rules: restrict(noNode, pagesNoDb)
	},
	{
		files: ['web/**/*.test.ts'],
		rules: restrict(pagesNoDb)
	},
	{
		files: ['scripts/**/*.ts', 'bench/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: restrict(toolsNoTests)
	},
	{
		files: ['db/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: restrict(dbNoApp)
	}
);
