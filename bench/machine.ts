import { cpus, loadavg, release, totalmem, type, arch } from 'node:os';

export type Machine = {
	cpuModel: string;
	cpus: number;
	memoryGiB: number;
	node: string;
	os: string;
	loadAverage: number[];
};

/** What the figures were measured on; the load average shows how busy the box already was. */
export function describeMachine(): Machine {
	const list = cpus();
	return {
		cpuModel: list[0]?.model.trim() ?? 'unknown',
		cpus: list.length,
		memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
		node: process.version,
		os: `${type()} ${release()} ${arch()}`,
		loadAverage: loadavg().map((n) => Number(n.toFixed(2)))
	};
}
