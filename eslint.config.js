import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

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
			'playwright-report/'
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
		// worker/ and web/ run in workerd; Node built-ins stay behind the Node-only seams
		// (db/migration-files.ts, scripts/, tests/). workerd's compatibility date turns
		// node: modules on, so the edge tests would not catch a slip: this rule does.
		files: ['worker/**/*.ts', 'web/**/*.ts', 'web/**/*.svelte'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['node:*'], message: 'Use Web APIs: this code runs in workerd.' }] }
			]
		}
	},
	{
		// Thin routes (STYLE rule 3): a route validates, checks the permission and calls
		// one verb. It never touches the database, so no guard in a verb can be skipped.
		files: ['worker/features/**/routes.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/db/**', '**/db', 'drizzle-orm', 'drizzle-orm/*', '@libsql/*'],
							message: 'Routes call verbs; verbs use the database.'
						}
					]
				}
			]
		}
	},
	{
		// The UI talks to the API over HTTP like any integration (DESIGN §2).
		files: ['web/**/*.ts', 'web/**/*.svelte'],
		ignores: ['web/hooks.server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/db/**', 'drizzle-orm', 'drizzle-orm/*', '@libsql/*'],
							message: 'Pages use the API client, not the database.'
						}
					]
				}
			]
		}
	}
);
