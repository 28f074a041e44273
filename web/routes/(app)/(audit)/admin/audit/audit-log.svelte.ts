import { client } from '$lib/api';
import { withReauth } from '$lib/auth/gate.svelte';
import { ApiProblem, type Problem } from '$lib/problem';
import { request } from '$lib/request';
import type { AuditQuery } from './filters';
import type { AuditEntry, AuditPage, AuditVerification } from './types';

/** The entries shown (first page from the load, more on request) and the chain check. */
export class AuditLog {
	items = $state<AuditEntry[]>([]);
	cursor = $state<string | null>(null);
	loading = $state(false);
	verification = $state<AuditVerification | null>(null);
	verifying = $state(false);
	problem = $state<Problem | null>(null);
	#query: AuditQuery = {};

	/** A new first page (the filters changed): start over. */
	reset(page: AuditPage, query: AuditQuery): void {
		this.items = page.items;
		this.cursor = page.nextCursor;
		this.#query = query;
		this.problem = null;
	}

	async more(limit: string): Promise<void> {
		if (!this.cursor || this.loading) return;
		this.loading = true;
		try {
			const cursor = this.cursor;
			const page = await withReauth(() =>
				request(client.audit.$get({ query: { ...this.#query, cursor, limit } }))
			);
			this.items = [...this.items, ...page.items];
			this.cursor = page.nextCursor;
		} catch (error) {
			this.#fail(error);
		} finally {
			this.loading = false;
		}
	}

	/** Seals pending entries and checks the whole hash chain (PCI DSS 10.3.2). */
	async verify(): Promise<void> {
		this.verifying = true;
		try {
			this.verification = await withReauth(() => request(client.audit.verify.$get()));
		} catch (error) {
			this.#fail(error);
		} finally {
			this.verifying = false;
		}
	}

	#fail(error: unknown): void {
		if (!(error instanceof ApiProblem)) throw error;
		this.problem = error.problem;
	}
}
