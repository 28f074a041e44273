// The last step of `npm run test:edge`: no workerd started by this run is still alive
// (issue 6 §5: every layer ends what it starts; `vite build` once left one per build).
// Linux reads each process's environment from /proc; elsewhere this check says so and
// passes. A survivor fails the run, named, and is ended so it does not pile up.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const RUN = process.env.npm_lifecycle_event;
const CHECKOUT = process.env.INIT_CWD ?? process.cwd();

function environment(pid: string): Map<string, string> | null {
	try {
		const pairs = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
		return new Map(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
	} catch {
		return null; // gone, or not ours to read
	}
}

function survivors(): { pid: number; command: string }[] {
	const found: { pid: number; command: string }[] = [];
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		let command: string;
		try {
			command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
		} catch {
			continue;
		}
		if (!/\bworkerd\b/.test(command.split(' ')[0] ?? '')) continue;
		const env = environment(pid);
		if (env?.get('npm_lifecycle_event') !== RUN || env?.get('INIT_CWD') !== CHECKOUT) continue;
		found.push({ pid: Number(pid), command });
	}
	return found;
}

if (!existsSync('/proc/self/environ')) {
	console.log('no-orphans: no /proc here; not checked');
	process.exit(0);
}
if (!RUN) {
	console.log('no-orphans: run through npm (npm run test:edge) so the run can be told apart');
	process.exit(0);
}
const left = survivors();
for (const { pid, command } of left) {
	console.log(`  FAIL  workerd outlived the run: ${pid} ${command.slice(0, 120)}`);
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		// Already gone.
	}
}
console.log(
	left.length === 0 ? 'no-orphans: no workerd left running' : `${left.length} left running`
);
process.exit(left.length === 0 ? 0 : 1);
