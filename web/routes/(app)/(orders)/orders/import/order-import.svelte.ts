import { client } from '$lib/api';
import { request } from '$lib/request';
import { Action } from '$lib/ui';

// The import page's state: the chosen file, compressed in the browser (the server takes
// 1 MiB a request; the Online Retail month is 3.7 MB of CSV and 0.8 MB this way), checked
// by a dry run for the preview and row errors, then sent again to apply, whole or nothing.

type ImportCall = ReturnType<typeof client.orders.import.$post>;
export type ImportResult = Awaited<ReturnType<Awaited<ImportCall>['json']>>;
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

export class OrderImport {
	file = $state<File | null>(null);
	phase = $state<Phase>('idle');
	preview = $state<ImportResult | null>(null);
	applied = $state<ImportResult | null>(null);
	#payload: string | null = null;

	get phaseLabel(): string {
		return PHASE_LABELS[this.phase];
	}

	#send(dryRun: boolean) {
		return request(client.orders.import.$post({ json: { csvGzip: this.#payload!, dryRun } }));
	}

	readonly check = new Action(async (file: File) => {
		this.file = file;
		this.preview = null;
		this.applied = null;
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
