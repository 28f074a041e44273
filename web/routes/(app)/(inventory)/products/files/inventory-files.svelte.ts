import { client } from '$lib/api';
import { request } from '$lib/request';
import { Action } from '$lib/ui';

// The products and stock CSV page's state: the chosen file is compressed in the browser (the
// server takes 1 MiB a request), checked by a dry run for the preview and the lines to fix,
// then sent again to apply, whole or nothing (worker/features/inventory/integration).

type ImportCall = ReturnType<typeof client.inventory.import.products.$post>;
export type CsvImportResult = Awaited<ReturnType<Awaited<ImportCall>['json']>>;
export type FileKind = 'products' | 'stock';
export type Phase = 'idle' | 'compressing' | 'checking' | 'writing' | 'done';

const PHASE_LABELS: Record<Phase, string> = {
	idle: '',
	compressing: 'Reading and compressing the file…',
	checking: 'Checking every row…',
	writing: 'Importing the whole file…',
	done: 'Imported.'
};

async function gzipBase64(file: File): Promise<string> {
	const compressed = file.name.endsWith('.gz')
		? new Uint8Array(await file.arrayBuffer())
		: new Uint8Array(
				await new Response(file.stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()
			);
	let binary = '';
	for (let i = 0; i < compressed.length; i += 0x8000)
		binary += String.fromCharCode(...compressed.subarray(i, i + 0x8000));
	return btoa(binary);
}

export class InventoryFileImport {
	kind = $state<FileKind>('products');
	phase = $state<Phase>('idle');
	preview = $state<CsvImportResult | null>(null);
	applied = $state<CsvImportResult | null>(null);
	#payload: string | null = null;

	get phaseLabel(): string {
		return PHASE_LABELS[this.phase];
	}

	#send(dryRun: boolean) {
		const json = { csvGzip: this.#payload!, dryRun };
		return request(
			this.kind === 'products'
				? client.inventory.import.products.$post({ json })
				: client.inventory.import.stock.$post({ json })
		);
	}

	choose(kind: FileKind) {
		this.kind = kind;
		this.preview = null;
		this.applied = null;
		this.check.clear();
		this.apply.clear();
	}

	readonly check = new Action(async (file: File) => {
		this.preview = null;
		this.applied = null;
		this.apply.clear();
		try {
			this.phase = 'compressing';
			this.#payload = await gzipBase64(file);
			this.phase = 'checking';
			this.preview = await this.#send(true);
		} finally {
			this.phase = 'idle';
		}
	});

	readonly apply = new Action(async () => {
		this.phase = 'writing';
		try {
			this.applied = await this.#send(false);
			this.preview = null;
			this.phase = 'done';
		} catch (error) {
			this.phase = 'idle';
			throw error;
		}
	});

	/** Every row problem the last attempt reported, in file order: "line 12", messages. */
	get rowErrors(): [string, string[]][] {
		const problem = this.check.problem ?? this.apply.problem;
		return Object.entries(problem?.errors ?? {});
	}
}
