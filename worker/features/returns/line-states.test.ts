import { describe, expect, it } from 'vitest';
import { Conflict } from '../../core/errors';
import { canLineTransition, deriveReturnStatus, lineTransition } from './line-states';

const line = (
	status: Parameters<typeof deriveReturnStatus>[0][number]['status'],
	quantity = 1,
	quantityReceived = 0
) => ({
	status,
	quantity,
	quantityReceived
});

describe('return line transitions', () => {
	it('follows the goods: authorised, received, inspected, resolved', () => {
		expect(canLineTransition('requested', 'authorised')).toBe(true);
		expect(canLineTransition('authorised', 'received')).toBe(true);
		expect(canLineTransition('received', 'inspected')).toBe(true);
		expect(canLineTransition('inspected', 'resolved')).toBe(true);
	});

	it('refuses a resolved line anything, naming the line and what it could do', () => {
		const refusal = (
			from: Parameters<typeof lineTransition>[1],
			to: Parameters<typeof lineTransition>[2],
			hint?: string
		) => {
			try {
				lineTransition(2, from, to, hint);
			} catch (e) {
				return e as Conflict;
			}
			throw new Error('no refusal');
		};
		expect(refusal('resolved', 'received')).toBeInstanceOf(Conflict);
		expect(refusal('resolved', 'received').title).toBe(
			'Line 2 is resolved and cannot become received'
		);
		expect(refusal('requested', 'received', 'Authorise it first.').detail).toBe(
			'From requested it can become: authorised, rejected, cancelled. Authorise it first.'
		);
	});

	it('receives a late parcel on an expired line, never drops it', () => {
		expect(canLineTransition('expired', 'received')).toBe(true);
		expect(canLineTransition('cancelled', 'received')).toBe(false);
	});
});

describe('the return status derived from its lines', () => {
	it('is partially received while one line waits', () => {
		expect(deriveReturnStatus([line('received', 1, 1), line('authorised')])).toBe(
			'partially_received'
		);
	});
	it('is received when every live line is in, ignoring cancelled ones', () => {
		expect(deriveReturnStatus([line('received', 2, 2), line('cancelled')])).toBe('received');
	});
	it('is resolved when every live line is resolved, keep-the-item included', () => {
		expect(deriveReturnStatus([line('resolved'), line('resolved', 1, 1), line('expired')])).toBe(
			'resolved'
		);
	});
	it('is inspected when every live line is inspected or resolved', () => {
		expect(deriveReturnStatus([line('inspected', 1, 1), line('resolved')])).toBe('inspected');
	});
	it('is authorised when nothing came in yet', () => {
		expect(deriveReturnStatus([line('authorised'), line('authorised')])).toBe('authorised');
	});
	it('ends as rejected, expired or cancelled when no live line is left', () => {
		expect(deriveReturnStatus([line('cancelled'), line('returned_to_customer', 1, 1)])).toBe(
			'rejected'
		);
		expect(deriveReturnStatus([line('cancelled'), line('expired')])).toBe('expired');
		expect(deriveReturnStatus([line('cancelled')])).toBe('cancelled');
	});
	it('is held while a person must match it to an order', () => {
		expect(deriveReturnStatus([line('requested')], true)).toBe('held');
	});
});
