import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Client } from '@libsql/client';

// The embedded default: a libSQL file beside the code, the same place `npm start` uses.
export const DEFAULT_DB_URL = 'file:.data/ordo.db';

export const DB_OPTION = { db: { type: 'string' } } as const;

export const DB_HELP = `  --db URL     the database: file:PATH or libsql://… / https://… (default: $LIBSQL_URL,
               else ${DEFAULT_DB_URL}); a remote database's token comes from
               $LIBSQL_AUTH_TOKEN, never from the command line (shell history)`;

/** The local path of a file: URL, or null for a remote database. */
export function localPath(url: string): string | null {
	if (!url.startsWith('file:')) return null;
	const rest = url.slice('file:'.length).replace(/\?.*$/, '');
	if (rest.startsWith('//')) return fileURLToPath(url.replace(/\?.*$/, ''));
	return isAbsolute(rest) ? rest : resolve(rest);
}

/** The URL to use: --db, then LIBSQL_URL, then the embedded default (made absolute). */
export function databaseUrl(flag?: string): string {
	const url = flag ?? process.env.LIBSQL_URL ?? DEFAULT_DB_URL;
	const path = localPath(url);
	return path ? pathToFileURL(path).href : url;
}

/** The URL without credentials or query, safe to print. */
export function displayUrl(url: string): string {
	const path = localPath(url);
	if (path) return `file:${path}`;
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
	} catch {
		return '(unreadable database URL)';
	}
}

/** Opens the database, creating the directory of a local file first. */
export async function openDatabase(url: string): Promise<Client> {
	const path = localPath(url);
	if (path) mkdirSync(dirname(path), { recursive: true });
	const { createClient } = await import('@libsql/client');
	return createClient({ url, authToken: path ? undefined : process.env.LIBSQL_AUTH_TOKEN });
}
