// The layering rules in eslint.config.js, proved: each fixture must fail lint where its
// rule applies (issue 6 §5: a later config block once silently replaced the node: ban for
// all of web/ and every routes.ts). Linted as text under a path inside web/ or worker/,
// with the project's own config, so a reordering of the config that drops a ban fails here.
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// A .svelte file is type-checked through the project service, which only knows files on
// disk; the fixture is linted as text, so it is parsed without types. The import rules do
// not use types, and the override touches nothing else.
const eslint = new ESLint({
	overrideConfig: {
		files: ['**/*.svelte'],
		languageOptions: { parserOptions: { projectService: false } }
	}
});
const fixture = (name: string) => readFileSync(`tests/lint/fixtures/${name}.fixture`, 'utf8');

async function importMessages(name: string, filePath: string): Promise<string[]> {
	const [result] = await eslint.lintText(fixture(name), { filePath });
	const fatal = result!.messages.filter((m) => m.fatal);
	expect(fatal, `${filePath} parses`).toEqual([]);
	return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const NODE = /Use Web APIs: this code runs in workerd/;
const ROUTES_DB = /Routes call verbs; verbs use the database/;
const PAGES_DB = /Pages use the API client, not the database/;
const INTERNALS = /Another feature's internals/;

describe('lint: Node built-ins stay out of code that runs in workerd', () => {
	it.each([
		['node-import.ts', 'web/lib/lint-fixture.ts'],
		['node-import.ts', 'web/routes/lint-fixture/+page.ts'],
		['node-import.svelte', 'web/routes/lint-fixture/+page.svelte'],
		['node-import.ts', 'worker/features/x/routes.ts'],
		['node-import.ts', 'worker/features/x/do-thing.ts'],
		['node-import.ts', 'worker/core/lint-fixture.ts'],
		['node-import.ts', 'worker/lib/lint-fixture.ts']
	])('%s fails in %s', async (name, path) => {
		const messages = await importMessages(name, path);
		expect(messages.some((m) => NODE.test(m))).toBe(true);
	});

	it('allows them in scripts/ (Node-only)', async () => {
		expect(await importMessages('node-import.ts', 'scripts/lint-fixture.ts')).toEqual([]);
	});
});

describe('lint: the database only behind the verbs', () => {
	it('fails a routes.ts that imports the database', async () => {
		const messages = await importMessages('db-import.ts', 'worker/features/x/routes.ts');
		expect(messages.filter((m) => ROUTES_DB.test(m))).toHaveLength(2);
	});

	it.each(['web/lib/lint-fixture.ts', 'web/routes/lint-fixture/+page.server.ts'])(
		'fails a page module that imports the database: %s',
		async (path) => {
			const messages = await importMessages('db-import.ts', path);
			expect(messages.filter((m) => PAGES_DB.test(m))).toHaveLength(2);
		}
	);

	it('lets a verb use the database', async () => {
		const messages = await importMessages('db-import.ts', 'worker/features/x/do-thing.ts');
		expect(messages).toEqual([]);
	});
});

describe("lint: a feature does not reach into another feature's internals", () => {
	it.each(['worker/features/x/do-thing.ts', 'worker/features/x/routes.ts'])(
		'fails in %s',
		async (path) => {
			const messages = await importMessages('feature-internals.ts', path);
			expect(messages.some((m) => INTERNALS.test(m))).toBe(true);
		}
	);

	it('lets a feature use core, lib and another feature’s public module', async () => {
		expect(await importMessages('clean.ts', 'worker/features/x/do-thing.ts')).toEqual([]);
	});
});

describe('lint: layers point one way', () => {
	it.each(['scripts/lint-fixture.ts', 'bench/lint-fixture.ts'])(
		'fails a tests/ import in %s',
		async (path) => {
			const messages = await importMessages('tests-import.ts', path);
			expect(messages.some((m) => /Scripts use the app, not the tests/.test(m))).toBe(true);
		}
	);

	it.each(['app-import.ts', 'tests-import.ts'])('fails %s in db/', async (name) => {
		const messages = await importMessages(name, 'db/lint-fixture.ts');
		expect(messages.some((m) => /db\/ uses nothing of the app/.test(m))).toBe(true);
	});
});
