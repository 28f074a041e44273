import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// What a page costs to open: the JavaScript the browser fetches before the page can run
// (the client entry, the root and group layouts, the page, and every module they import
// statically), gzip-compressed as it travels. Dynamic imports (the barcode decoder and
// its WebAssembly on /scan) load later and are not counted. Read from the build: Vite's
// client manifest and SvelteKit's route dictionary.
const CLIENT = '.svelte-kit/output/client';
const MANIFEST = `${CLIENT}/.vite/manifest.json`;
const APP = '.svelte-kit/generated/client-optimized/app.js';
const NODES = '.svelte-kit/generated/client-optimized/nodes';
const ENTRY = 'node_modules/@sveltejs/kit/src/runtime/client/entry.js';

export const ROUTE_BUDGETS: { route: string; id: string; budgetKb: number }[] = [
	{ route: '/scan', id: '/(app)/(scan)/scan', budgetKb: 80 },
	// For comparison: the warehouse's other scanning screen, same budget.
	{ route: '/products', id: '/(app)/(inventory)/products', budgetKb: 80 }
];

type Chunk = { file: string; imports?: string[]; isEntry?: boolean };

/** Gzip bytes of the JavaScript `id` (a SvelteKit route id) loads before it runs. */
export function initialJs(id: string): { bytes: number; files: number } {
	const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
	const app = readFileSync(APP, 'utf8');
	const row = new RegExp(`"${id.replace(/[()[\]/]/g, '\\$&')}": \\[~?(\\d+),\\[([^\\]]*)\\]`).exec(
		app
	);
	if (!row) throw new Error(`route ${id} is not in ${APP}`);
	const layouts = row[2]!.split(',').filter(Boolean).map(Number);
	// Node 0 is the root layout, 1 the root error page: both load with every page.
	const nodes = [0, 1, ...layouts, Number(row[1])].map((n) => `${NODES}/${n}.js`);
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key)) return;
		seen.add(key);
		for (const next of manifest[key]?.imports ?? []) visit(next);
	};
	for (const key of [ENTRY, APP, ...nodes]) visit(key);
	let bytes = 0;
	for (const key of seen) {
		const file = manifest[key]?.file;
		if (file?.endsWith('.js')) bytes += gzipSync(readFileSync(`${CLIENT}/${file}`)).length;
	}
	return { bytes, files: seen.size };
}

/** Prints each budgeted route's initial JavaScript and its ratio to the budget. */
export function printRouteSizes(): void {
	if (!existsSync(MANIFEST)) {
		console.log('route sizes: no build (run npm run build)');
		return;
	}
	console.log('\nroute sizes (initial JavaScript, gzip):');
	for (const { route, id, budgetKb } of ROUTE_BUDGETS) {
		const { bytes, files } = initialJs(id);
		const kb = bytes / 1024;
		console.log(
			`  ${route.padEnd(10)} ${kb.toFixed(1)} KB in ${files} files, ${(kb / budgetKb).toFixed(2)}× the ${budgetKb} KB budget`
		);
	}
}
