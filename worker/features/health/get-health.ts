import type { Database } from '../../core/context';
import { migrationLevel } from '../../../db/migrate';
import { version } from '../../../package.json';

export type HealthReport = {
	status: 'ok' | 'degraded';
	version: string;
	database: { reachable: boolean; level: string | null; pending: string[] };
};

/** Whether the database answers and how far it is migrated; never throws. */
export async function getHealth({ database }: { database: Database }): Promise<HealthReport> {
	try {
		database.trips.count += 1;
		const { level, pending } = await migrationLevel(database.client);
		return { status: 'ok', version, database: { reachable: true, level, pending } };
	} catch {
		return {
			status: 'degraded',
			version,
			database: { reachable: false, level: null, pending: [] }
		};
	}
}
