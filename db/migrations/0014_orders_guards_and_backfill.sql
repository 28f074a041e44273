-- Order numbers people can say (ORD-10042): the placing batch moves this counter and
-- reads it back in the same transaction, so no two orders get one number.
INSERT INTO counters (name, value) VALUES ('order_number', 10000);
--> statement-breakpoint
-- Refunds never exceed what was captured, whatever the application does: a refund that
-- counts (any status but failed) must fit in captured minus the refunds that already count.
CREATE TRIGGER refunds_within_captured_insert BEFORE INSERT ON refunds
WHEN NEW.status <> 'failed'
	AND NEW.amount_minor + (
		SELECT COALESCE(SUM(amount_minor), 0) FROM refunds
		WHERE payment_id = NEW.payment_id AND status <> 'failed'
	) > (SELECT captured_minor FROM payments WHERE id = NEW.payment_id)
BEGIN
	SELECT RAISE(ABORT, 'refund_exceeds_captured');
END;
--> statement-breakpoint
-- The same rule when a refund changes: a failed refund retried (or done by hand) counts again.
CREATE TRIGGER refunds_within_captured_update BEFORE UPDATE OF status, amount_minor, payment_id ON refunds
WHEN NEW.status <> 'failed'
	AND NEW.amount_minor + (
		SELECT COALESCE(SUM(amount_minor), 0) FROM refunds
		WHERE payment_id = NEW.payment_id AND status <> 'failed' AND id <> OLD.id
	) > (SELECT captured_minor FROM payments WHERE id = NEW.payment_id)
BEGIN
	SELECT RAISE(ABORT, 'refund_exceeds_captured');
END;
--> statement-breakpoint
-- A capture cannot shrink below the refunds that count.
CREATE TRIGGER payments_captured_covers_refunds BEFORE UPDATE OF captured_minor ON payments
WHEN NEW.captured_minor < (
	SELECT COALESCE(SUM(amount_minor), 0) FROM refunds
	WHERE payment_id = NEW.id AND status <> 'failed'
)
BEGIN
	SELECT RAISE(ABORT, 'refund_exceeds_captured');
END;
--> statement-breakpoint
-- The timeline is history: an event is never rewritten (merging customers may move it).
CREATE TRIGGER timeline_events_fixed BEFORE UPDATE ON timeline_events
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_kind IS NOT OLD.actor_kind
	OR NEW.actor_id IS NOT OLD.actor_id OR NEW.actor_label IS NOT OLD.actor_label
	OR NEW.entity_kind IS NOT OLD.entity_kind OR NEW.entity_id IS NOT OLD.entity_id
	OR NEW.order_id IS NOT OLD.order_id OR NEW.kind IS NOT OLD.kind
	OR NEW.summary IS NOT OLD.summary OR NEW.data IS NOT OLD.data
BEGIN
	SELECT RAISE(ABORT, 'timeline_events is append-only');
END;
--> statement-breakpoint
-- "Decide, then write" (docs/architecture.md): a batch's writes are preceded by
-- `INSERT INTO preconditions (subject, held) SELECT 'order', EXISTS(… WHERE id = ? AND
-- version = ?)`. A snapshot that moved since it was read aborts the whole batch, which
-- the API answers with a 409 saying what changed. The view never holds rows.
CREATE VIEW preconditions (subject, held) AS SELECT NULL, NULL WHERE 0;
--> statement-breakpoint
CREATE TRIGGER preconditions_order INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'order' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_order_changed');
END;
--> statement-breakpoint
CREATE TRIGGER preconditions_payment INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'payment' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_payment_changed');
END;
--> statement-breakpoint
CREATE TRIGGER preconditions_shipment INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'shipment' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_shipment_changed');
END;
--> statement-breakpoint
CREATE TRIGGER target_checks_order INSTEAD OF INSERT ON target_checks
WHEN NEW.target = 'order' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_order');
END;
--> statement-breakpoint
CREATE TRIGGER target_checks_payment INSTEAD OF INSERT ON target_checks
WHEN NEW.target = 'payment' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_payment');
END;
--> statement-breakpoint
CREATE TRIGGER target_checks_shipment INSTEAD OF INSERT ON target_checks
WHEN NEW.target = 'shipment' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_shipment');
END;
--> statement-breakpoint
-- Orders written before these columns existed: what each line cost, the totals, where
-- open lines are reserved (the seed's reservation movements name the order number),
-- and payment/fulfilment status from the lifecycle status.
UPDATE order_lines SET net_minor = quantity * unit_price_minor WHERE net_minor = 0;
--> statement-breakpoint
UPDATE order_lines SET location_id = (
	SELECT m.location_id FROM stock_movements m JOIN orders o ON o.number = m.reference
	WHERE o.id = order_lines.order_id AND m.kind = 'reservation' AND m.product_id = order_lines.product_id
	LIMIT 1
) WHERE location_id IS NULL AND kind = 'product';
--> statement-breakpoint
UPDATE order_lines SET quantity_shipped = quantity
WHERE order_id IN (SELECT id FROM orders WHERE status IN ('shipped', 'delivered'));
--> statement-breakpoint
UPDATE orders SET
	subtotal_minor = CASE WHEN subtotal_minor = 0 THEN total_minor ELSE subtotal_minor END,
	updated_at = CASE WHEN updated_at = 0 THEN created_at ELSE updated_at END,
	payment_status = CASE WHEN status IN ('pending_payment', 'cancelled') THEN payment_status ELSE 'paid' END,
	fulfilment_status = CASE WHEN status IN ('shipped', 'delivered') THEN 'fulfilled' ELSE fulfilment_status END;
