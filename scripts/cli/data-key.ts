import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateDataKey } from '../../worker/lib/secret-box';

export const DATA_KEY_FILE = '.data/ordo.key';

/**
 * ORDO_DATA_KEY for running Ordo on this machine: the environment's if set, else a
 * key made once and kept beside the embedded database (git-ignored, mode 0600).
 * Lose it and enrolled authenticators must be reset; in production it is a Worker
 * secret (see SECURITY.md).
 */
export function loadOrCreateDataKey(file = DATA_KEY_FILE): string {
	if (process.env.ORDO_DATA_KEY) return process.env.ORDO_DATA_KEY;
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	mkdirSync(dirname(file), { recursive: true });
	const key = generateDataKey();
	writeFileSync(file, `${key}\n`, { mode: 0o600 });
	return key;
}
