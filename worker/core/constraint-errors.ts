import { Conflict, DomainError, Invalid, NotFound } from './errors';

// Invariants live in the database (DESIGN §3); a batch that breaks one fails whole
// and the constraint's name says which. Each maps to an error a person can act on.
const BY_CONSTRAINT: Record<string, () => DomainError> = {
	stock_levels_on_hand_covers_reserved: () =>
		new Conflict(
			'insufficient-stock',
			'Not enough stock',
			'This would leave less stock on hand than is reserved for orders at that location.'
		),
	stock_levels_reserved_nonnegative: () =>
		new Conflict('reservation-underflow', 'Nothing reserved to release'),
	// Orders, payments and fulfilment (migrations 0012–0014; docs/architecture.md "Orders schema").
	precondition_order_changed: () =>
		new Conflict(
			'order-changed',
			'This order changed since you loaded it',
			'Someone else (or a payment or shipment) changed this order a moment ago. Reload it to see what changed, then try again.'
		),
	precondition_payment_changed: () =>
		new Conflict(
			'payment-changed',
			'This payment changed since you loaded it',
			'The payment provider or someone else changed this payment a moment ago. Reload it, then try again.'
		),
	precondition_shipment_changed: () =>
		new Conflict(
			'shipment-changed',
			'This shipment changed since you loaded it',
			'Someone else changed this shipment a moment ago. Reload it, then try again.'
		),
	target_missing_order: () => new NotFound('order-not-found', 'No such order'),
	target_missing_payment: () => new NotFound('payment-not-found', 'No such payment'),
	target_missing_shipment: () => new NotFound('shipment-not-found', 'No such shipment'),
	// Returns (issue 11): store credit is never overdrawn, and an entry is reversed once.
	store_credit_overdrawn: () =>
		new Conflict(
			'store-credit-overdrawn',
			'Not enough store credit',
			'This would take the customer’s store credit below zero: use less credit (the balance is on the customer page), or none.'
		),
	'store_credit_entries.reverses_id': () =>
		new Conflict('store-credit-already-reversed', 'This entry was already reversed'),
	'store_credit_entries.idempotency_key': () =>
		new Conflict('store-credit-exists', 'This store credit was already given'),
	'refunds.idempotency_key': () =>
		new Conflict(
			'refund-already-requested',
			'This refund was already asked for',
			'The same line was resolved a moment ago; reload the return to see its refunds.'
		),
	refund_exceeds_captured: () =>
		new Conflict(
			'refund-exceeds-captured',
			'More than was paid',
			'Refunds for this payment would add up to more than the customer paid. Refund at most what was captured minus what was already refunded.'
		),
	payments_refunded_within_captured: () =>
		new Conflict(
			'refund-exceeds-captured',
			'More than was paid',
			'Refunds for this payment would add up to more than the customer paid.'
		),
	payments_captured_within_amount: () =>
		new Conflict('capture-exceeds-amount', 'More captured than the payment was for'),
	payments_card_last4_digits: () =>
		new Invalid('card-last4-invalid', 'Card last 4 must be exactly four digits'),
	'payments.provider, payments.provider_ref': () =>
		new Conflict('payment-exists', 'This checkout is already recorded'),
	'webhook_inbox.provider, webhook_inbox.event_id': () =>
		new Conflict('webhook-duplicate', 'This event was already received'),
	order_lines_shipped_within_quantity: () =>
		new Conflict(
			'over-shipped',
			'More than was ordered',
			'This would ship more units of a line than the customer ordered.'
		),
	order_lines_returned_within_shipped: () =>
		new Conflict(
			'over-returned',
			'More than was shipped',
			'This would return more units of a line than were shipped.'
		),
	shipment_lines_picked_within_quantity: () =>
		new Conflict(
			'over-picked',
			'All units of this line are picked',
			'This shipment needs no more of that item.'
		),
	'orders.number': () => new Conflict('order-number-taken', 'That order number is already used'),
	'idempotency_keys.scope, idempotency_keys.key': () =>
		new Conflict(
			'idempotency-in-flight',
			'Request already in progress',
			'Another request with this Idempotency-Key was processed at the same moment. Retry to get its result.'
		),
	// Customers (migration 0015; docs/architecture.md "Customers schema").
	precondition_customer_changed: () =>
		new Conflict(
			'customer-changed',
			'This customer changed since you loaded it',
			'Someone else changed this customer a moment ago. Reload the profile to see what changed, then try again.'
		),
	target_missing_customer: () => new NotFound('customer-not-found', 'No such customer'),
	// Migration 0020: the profile was erased or merged into another.
	precondition_customer_not_live: () =>
		new Conflict(
			'customer-not-editable',
			'This customer was erased or merged, so it takes no changes',
			'An erased profile keeps no personal data, and a merged one lives on in the profile it was merged into: open that one, or create a new profile.'
		),
	// Reordering (issue 8, migration `reorder`).
	precondition_purchase_order_changed: () =>
		new Conflict(
			'purchase-order-changed',
			'This purchase order changed since you loaded it',
			'Someone else approved, sent or received this purchase order a moment ago. Reload it to see what changed, then try again.'
		),
	'customer_emails.customer_id, customer_emails.email': () =>
		new Conflict('email-exists', 'This customer already has that email'),
	'customer_phones.customer_id, customer_phones.e164': () =>
		new Conflict('phone-exists', 'This customer already has that phone number'),
	'customer_external_ids.system, customer_external_ids.value': () =>
		new Conflict('external-id-taken', 'That external id already belongs to a customer'),
	// Counts (migration 0022; docs/architecture.md "Counts (issue 8)").
	precondition_count_line_changed: () =>
		new Conflict(
			'count-line-changed',
			'This count changed since you loaded it',
			'Another manager decided on this count a moment ago. Reload the queue to see what changed.'
		),
	precondition_count_line_decided: () =>
		new Conflict(
			'count-line-decided',
			'This count is no longer waiting for a decision',
			'It was approved or sent back for a recount already. Reload the queue.'
		),
	precondition_stock_level_changed: () =>
		new Conflict(
			'stock-level-changed',
			'The stock here changed while the count was being applied',
			'Send the count again: it is applied as of the moment it was counted.'
		),
	precondition_count_task_closed: () =>
		new Conflict(
			'count-task-closed',
			'This count task is closed',
			'A manager closed it, so it takes no more counts. Ask for a new task if stock still needs counting.'
		),
	target_missing_count_task: () => new NotFound('count-task-not-found', 'No such count task'),
	target_missing_count_line: () => new NotFound('count-line-not-found', 'No such count'),
	// Returns (issue 11, migrations 0028–0029).
	return_exceeds_shipped: () =>
		new Conflict(
			'return-exceeds-shipped',
			'More than can still come back',
			'A line asks for more units than were shipped minus those already on returns (open requests count). Someone may have just started a return for the same items: reload the order and lower the quantity.'
		),
	precondition_return_changed: () =>
		new Conflict(
			'return-changed',
			'This return changed since you loaded it',
			'Someone else (or the warehouse) changed this return a moment ago. Reload it, then try again.'
		),
	precondition_return_shipment_changed: () =>
		new Conflict(
			'return-shipment-changed',
			'This parcel changed since you loaded it',
			'Reload the return, then try again.'
		),
	'return_policies.version': () =>
		new Conflict(
			'return-policy-changed',
			'The policy changed since you loaded it',
			'Another manager saved the policy a moment ago. Reload it and make your change again.'
		),
	'return_reasons.code': () => new Conflict('reason-exists', 'That reason code is used')
};

type SqliteErrorLike = { code?: unknown; message?: unknown; cause?: unknown };

function findSqliteError(error: unknown): SqliteErrorLike | null {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const e = current as SqliteErrorLike;
		if (typeof e.code === 'string' && e.code.startsWith('SQLITE_')) return e;
		current = e.cause;
	}
	return null;
}

/** Turns a constraint or RAISE(ABORT) failure into a DomainError; null if it is not one. */
export function fromConstraintError(error: unknown): DomainError | null {
	const e = findSqliteError(error);
	if (!e || typeof e.message !== 'string') return null;
	const message = e.message;
	for (const [name, make] of Object.entries(BY_CONSTRAINT)) {
		if (message.includes(name)) return make();
	}
	if (String(e.code).startsWith('SQLITE_CONSTRAINT')) {
		const raised = /SQLITE_CONSTRAINT(?:_TRIGGER)?: (.+)$/.exec(message)?.[1];
		if (String(e.code) === 'SQLITE_CONSTRAINT_TRIGGER' && raised) {
			return new Conflict('rule-violated', 'This change breaks a rule', raised);
		}
		if (message.includes('FOREIGN KEY')) {
			return new Invalid('unknown-reference', 'Something this refers to does not exist');
		}
		return new Conflict('constraint-violated', 'This change conflicts with existing data');
	}
	return null;
}

export function registerConstraintError(name: string, make: () => DomainError): void {
	BY_CONSTRAINT[name] = make;
}
