CREATE TABLE `customer_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`return_id` text,
	`order_id` text,
	`template` text NOT NULL,
	`channel` text DEFAULT 'email' NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`sent_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "customer_notifications_status_known" CHECK("customer_notifications"."status" IN ('pending', 'sent', 'failed', 'held')),
	CONSTRAINT "customer_notifications_channel_known" CHECK("customer_notifications"."channel" IN ('email', 'sms'))
);
--> statement-breakpoint
CREATE INDEX `customer_notifications_status` ON `customer_notifications` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `customer_notifications_return` ON `customer_notifications` (`return_id`);--> statement-breakpoint
CREATE INDEX `customer_notifications_customer` ON `customer_notifications` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `return_evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`unit_id` text,
	`storage_key` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_by_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `return_units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_evidence_bytes_positive" CHECK("return_evidence"."bytes" > 0),
	CONSTRAINT "return_evidence_image" CHECK("return_evidence"."content_type" IN ('image/jpeg', 'image/png', 'image/webp'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `return_evidence_storage_key_unique` ON `return_evidence` (`storage_key`);--> statement-breakpoint
CREATE INDEX `return_evidence_return` ON `return_evidence` (`return_id`);--> statement-breakpoint
CREATE TABLE `return_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`line` integer,
	`rule` text NOT NULL,
	`reason` text NOT NULL,
	`before` text,
	`after` text,
	`manager_id` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_overrides_reason_given" CHECK(length(trim("return_overrides"."reason")) > 0)
);
--> statement-breakpoint
CREATE INDEX `return_overrides_return` ON `return_overrides` (`return_id`);--> statement-breakpoint
CREATE INDEX `return_overrides_manager_created` ON `return_overrides` (`manager_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `return_policies` (
	`version` integer PRIMARY KEY NOT NULL,
	`document` text NOT NULL,
	`note` text,
	`created_by_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_policies_version_positive" CHECK("return_policies"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE `return_reasons` (
	`code` text PRIMARY KEY NOT NULL,
	`parent_code` text,
	`label` text NOT NULL,
	`defective` integer DEFAULT false NOT NULL,
	`damaged_on_arrival` integer DEFAULT false NOT NULL,
	`shop_fault` integer DEFAULT false NOT NULL,
	`claim_only` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`parent_code`) REFERENCES `return_reasons`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_reasons_code_shape" CHECK("return_reasons"."code" GLOB '[a-z]*' AND "return_reasons"."code" NOT GLOB '*[^a-z0-9_]*')
);
--> statement-breakpoint
CREATE TABLE `return_receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`line` integer,
	`product_id` text,
	`code` text NOT NULL,
	`quantity` integer DEFAULT 1 NOT NULL,
	`expected` integer NOT NULL,
	`flag` text,
	`location_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`device_time` integer,
	`received_by_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_receipts_quantity_positive" CHECK("return_receipts"."quantity" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `return_receipts_idempotency_key_unique` ON `return_receipts` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `return_receipts_return` ON `return_receipts` (`return_id`,`line`);--> statement-breakpoint
CREATE INDEX `return_receipts_unexpected` ON `return_receipts` (`expected`,`created_at`) WHERE "return_receipts"."expected" = 0;--> statement-breakpoint
CREATE TABLE `return_shipments` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`carrier` text,
	`tracking_number` text,
	`status` text DEFAULT 'label_created' NOT NULL,
	`paid_by` text DEFAULT 'customer' NOT NULL,
	`label_sent_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_shipments_status_known" CHECK("return_shipments"."status" IN ('label_created', 'in_transit', 'delivered', 'lost')),
	CONSTRAINT "return_shipments_paid_by_known" CHECK("return_shipments"."paid_by" IN ('shop', 'customer'))
);
--> statement-breakpoint
CREATE INDEX `return_shipments_return` ON `return_shipments` (`return_id`);--> statement-breakpoint
CREATE INDEX `return_shipments_tracking` ON `return_shipments` (`tracking_number`);--> statement-breakpoint
CREATE TABLE `return_units` (
	`id` text PRIMARY KEY NOT NULL,
	`return_id` text NOT NULL,
	`receipt_id` text NOT NULL,
	`line` integer,
	`product_id` text,
	`location_id` text NOT NULL,
	`grade` text,
	`disposition` text,
	`note` text,
	`inspected_by_id` text,
	`inspected_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`receipt_id`) REFERENCES `return_receipts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspected_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_units_grade_known" CHECK("return_units"."grade" IS NULL OR "return_units"."grade" IN ('new', 'opened', 'damaged', 'defective', 'empty_box')),
	CONSTRAINT "return_units_disposition_known" CHECK("return_units"."disposition" IS NULL OR "return_units"."disposition" IN ('restock', 'restock_open_box', 'quarantine', 'return_to_vendor', 'repair', 'donate', 'dispose', 'return_to_customer')),
	CONSTRAINT "return_units_disposition_needs_grade" CHECK("return_units"."disposition" IS NULL OR "return_units"."grade" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX `return_units_return` ON `return_units` (`return_id`,`line`);--> statement-breakpoint
CREATE INDEX `return_units_quarantine` ON `return_units` (`product_id`,`location_id`) WHERE "return_units"."disposition" IS NULL OR "return_units"."disposition" = 'quarantine';--> statement-breakpoint
CREATE TABLE `store_credit_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`amount_minor` integer NOT NULL,
	`kind` text NOT NULL,
	`return_id` text,
	`order_id` text,
	`reverses_id` text,
	`note` text,
	`idempotency_key` text NOT NULL,
	`created_by_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "store_credit_amount_nonzero" CHECK("store_credit_entries"."amount_minor" <> 0),
	CONSTRAINT "store_credit_kind_known" CHECK("store_credit_entries"."kind" IN ('return', 'claim', 'goodwill', 'keep_item', 'spend', 'reversal'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `store_credit_entries_reverses_id_unique` ON `store_credit_entries` (`reverses_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `store_credit_entries_idempotency_key_unique` ON `store_credit_entries` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `store_credit_customer` ON `store_credit_entries` (`customer_id`,`currency`,`created_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_return_lines` (
	`return_id` text NOT NULL,
	`line` integer NOT NULL,
	`order_id` text,
	`order_line` integer,
	`product_id` text,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`quantity_received` integer DEFAULT 0 NOT NULL,
	`quantity_inspected` integer DEFAULT 0 NOT NULL,
	`reason_code` text,
	`reason` text,
	`note` text,
	`outcome` text,
	`decision` text,
	`fee_minor` integer DEFAULT 0 NOT NULL,
	`refund_minor` integer DEFAULT 0 NOT NULL,
	`replacement_order_line` integer,
	PRIMARY KEY(`return_id`, `line`),
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reason_code`) REFERENCES `return_reasons`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`,`order_line`) REFERENCES `order_lines`(`order_id`,`line`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_lines_quantity_positive" CHECK("__new_return_lines"."quantity" > 0),
	CONSTRAINT "return_lines_received_nonnegative" CHECK("__new_return_lines"."quantity_received" >= 0 AND "__new_return_lines"."quantity_inspected" >= 0 AND "__new_return_lines"."quantity_inspected" <= "__new_return_lines"."quantity_received"),
	CONSTRAINT "return_lines_refund_nonnegative" CHECK("__new_return_lines"."refund_minor" >= 0 AND "__new_return_lines"."fee_minor" >= 0),
	CONSTRAINT "return_lines_status_known" CHECK("__new_return_lines"."status" IN ('requested', 'authorised', 'received', 'inspected', 'resolved', 'rejected', 'cancelled', 'expired', 'returned_to_customer')),
	CONSTRAINT "return_lines_outcome_known" CHECK("__new_return_lines"."outcome" IS NULL OR "__new_return_lines"."outcome" IN ('refund', 'store_credit', 'exchange', 'keep_item', 'replacement')),
	CONSTRAINT "return_lines_order_line_pair" CHECK(("__new_return_lines"."order_id" IS NULL) = ("__new_return_lines"."order_line" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_return_lines`("return_id", "line", "order_id", "order_line", "sku", "quantity", "status", "quantity_received", "quantity_inspected", "reason", "refund_minor") SELECT "return_id", "line", "order_id", "order_line", "sku", "quantity", 'resolved', "quantity", "quantity", "reason", "refund_minor" FROM `return_lines`;--> statement-breakpoint
DROP TABLE `return_lines`;--> statement-breakpoint
ALTER TABLE `__new_return_lines` RENAME TO `return_lines`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `return_lines_order_line` ON `return_lines` (`order_id`,`order_line`,`status`,`quantity`);--> statement-breakpoint
CREATE INDEX `return_lines_product` ON `return_lines` (`product_id`);--> statement-breakpoint
CREATE INDEX `return_lines_reason` ON `return_lines` (`reason_code`);--> statement-breakpoint
CREATE TABLE `__new_returns` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`kind` text DEFAULT 'return' NOT NULL,
	`order_id` text,
	`customer_id` text,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`policy_version` integer,
	`external_ref` text,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`refund_minor` integer DEFAULT 0 NOT NULL,
	`shipping_refund_minor` integer DEFAULT 0 NOT NULL,
	`review_reason` text,
	`notes` text,
	`instant_exchange` integer DEFAULT false NOT NULL,
	`requested_by_id` text,
	`authorised_by_id` text,
	`authorised_at` integer,
	`expires_at` integer,
	`resolved_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`authorised_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "returns_channel_known" CHECK("__new_returns"."channel" IN ('import', 'phone', 'web')),
	CONSTRAINT "returns_kind_known" CHECK("__new_returns"."kind" IN ('return', 'claim')),
	CONSTRAINT "returns_status_known" CHECK("__new_returns"."status" IN ('held', 'requested', 'authorised', 'partially_received', 'received', 'inspected', 'resolved', 'rejected', 'cancelled', 'expired')),
	CONSTRAINT "returns_order_unless_held" CHECK("__new_returns"."order_id" IS NOT NULL OR "__new_returns"."status" = 'held'),
	CONSTRAINT "returns_refund_nonnegative" CHECK("__new_returns"."refund_minor" >= 0 AND "__new_returns"."shipping_refund_minor" >= 0),
	CONSTRAINT "returns_version_positive" CHECK("__new_returns"."version" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_returns`("id", "number", "order_id", "customer_id", "channel", "status", "external_ref", "currency", "refund_minor", "version", "created_at", "updated_at", "resolved_at") SELECT "id", "number", "order_id", "customer_id", "channel", "status", "external_ref", "currency", "refund_minor", "version", "created_at", "updated_at", CASE WHEN "status" = 'resolved' THEN "created_at" END FROM `returns`;--> statement-breakpoint
DROP TABLE `returns`;--> statement-breakpoint
ALTER TABLE `__new_returns` RENAME TO `returns`;--> statement-breakpoint
CREATE UNIQUE INDEX `returns_number_unique` ON `returns` (`number`);--> statement-breakpoint
CREATE INDEX `returns_order` ON `returns` (`order_id`);--> statement-breakpoint
CREATE INDEX `returns_customer_created` ON `returns` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `returns_status_created` ON `returns` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `returns_expires` ON `returns` (`expires_at`) WHERE "returns"."expires_at" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `returns_channel_external_ref` ON `returns` (`channel`,`external_ref`,`order_id`) WHERE "returns"."external_ref" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `category` text;--> statement-breakpoint
CREATE INDEX `products_category` ON `products` (`category`);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `replaces_line` integer;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `return_id` text;--> statement-breakpoint
ALTER TABLE `refunds` ADD `kind` text DEFAULT 'cancellation' NOT NULL;--> statement-breakpoint
ALTER TABLE `refunds` ADD `return_id` text;--> statement-breakpoint
ALTER TABLE `refunds` ADD `approved_by_id` text;--> statement-breakpoint
CREATE INDEX `refunds_return` ON `refunds` (`return_id`) WHERE "refunds"."return_id" IS NOT NULL;--> statement-breakpoint
-- No return ever takes back more than was shipped: what the lines that still count ask
-- for (open requests included, not only what came back) fits in the order line's shipped
-- units. The authorising batch fails whole otherwise, whatever the application checked.
CREATE TRIGGER return_lines_within_shipped_insert BEFORE INSERT ON return_lines
WHEN NEW.order_line IS NOT NULL AND NEW.status NOT IN ('cancelled', 'rejected', 'expired')
	AND NEW.quantity + (
		SELECT COALESCE(SUM(quantity), 0) FROM return_lines
		WHERE order_id = NEW.order_id AND order_line = NEW.order_line
			AND status NOT IN ('cancelled', 'rejected', 'expired')
	) > (SELECT quantity_shipped FROM order_lines WHERE order_id = NEW.order_id AND line = NEW.order_line)
BEGIN
	SELECT RAISE(ABORT, 'return_exceeds_shipped');
END;
--> statement-breakpoint
-- The same when a line changes: a quantity raised, an expired line whose late parcel came in.
CREATE TRIGGER return_lines_within_shipped_update BEFORE UPDATE OF quantity, status, order_id, order_line ON return_lines
WHEN NEW.order_line IS NOT NULL AND NEW.status NOT IN ('cancelled', 'rejected', 'expired')
	AND NEW.quantity + (
		SELECT COALESCE(SUM(quantity), 0) FROM return_lines
		WHERE order_id = NEW.order_id AND order_line = NEW.order_line
			AND status NOT IN ('cancelled', 'rejected', 'expired')
			AND NOT (return_id = OLD.return_id AND line = OLD.line)
	) > (SELECT quantity_shipped FROM order_lines WHERE order_id = NEW.order_id AND line = NEW.order_line)
BEGIN
	SELECT RAISE(ABORT, 'return_exceeds_shipped');
END;
--> statement-breakpoint
-- Store credit is a ledger: a customer's balance (per currency) never goes below zero...
CREATE TRIGGER store_credit_no_overdraw BEFORE INSERT ON store_credit_entries
WHEN NEW.amount_minor < 0 AND NEW.amount_minor + (
	SELECT COALESCE(SUM(amount_minor), 0) FROM store_credit_entries
	WHERE customer_id = NEW.customer_id AND currency = NEW.currency
) < 0
BEGIN
	SELECT RAISE(ABORT, 'store_credit_overdrawn');
END;
--> statement-breakpoint
-- ...and entries are never edited or removed (a merge of customers may move them).
CREATE TRIGGER store_credit_entries_fixed BEFORE UPDATE ON store_credit_entries
WHEN NEW.id IS NOT OLD.id OR NEW.amount_minor IS NOT OLD.amount_minor OR NEW.currency IS NOT OLD.currency
	OR NEW.kind IS NOT OLD.kind OR NEW.return_id IS NOT OLD.return_id OR NEW.order_id IS NOT OLD.order_id
	OR NEW.reverses_id IS NOT OLD.reverses_id OR NEW.idempotency_key IS NOT OLD.idempotency_key
	OR NEW.created_at IS NOT OLD.created_at
BEGIN
	SELECT RAISE(ABORT, 'store_credit_append_only');
END;
--> statement-breakpoint
CREATE TRIGGER store_credit_entries_no_delete BEFORE DELETE ON store_credit_entries
BEGIN
	SELECT RAISE(ABORT, 'store_credit_append_only');
END;
--> statement-breakpoint
-- A policy version is what returns were authorised under: never rewritten.
CREATE TRIGGER return_policies_fixed BEFORE UPDATE ON return_policies
BEGIN
	SELECT RAISE(ABORT, 'return_policy_versions_are_fixed');
END;
--> statement-breakpoint
CREATE TRIGGER return_policies_no_delete BEFORE DELETE ON return_policies
BEGIN
	SELECT RAISE(ABORT, 'return_policy_versions_are_fixed');
END;
--> statement-breakpoint
-- Overrides are the record a manager answers for: never edited or removed.
CREATE TRIGGER return_overrides_fixed BEFORE UPDATE ON return_overrides
BEGIN
	SELECT RAISE(ABORT, 'return_overrides_are_fixed');
END;
--> statement-breakpoint
CREATE TRIGGER return_overrides_no_delete BEFORE DELETE ON return_overrides
BEGIN
	SELECT RAISE(ABORT, 'return_overrides_are_fixed');
END;
--> statement-breakpoint
-- What was scanned at the returns bench is kept as scanned.
CREATE TRIGGER return_receipts_fixed BEFORE UPDATE ON return_receipts
BEGIN
	SELECT RAISE(ABORT, 'return_receipts_are_fixed');
END;
--> statement-breakpoint
CREATE TRIGGER return_receipts_no_delete BEFORE DELETE ON return_receipts
BEGIN
	SELECT RAISE(ABORT, 'return_receipts_are_fixed');
END;
--> statement-breakpoint
-- The managed reasons list, two levels; the flags drive the policy engine (fees, postage).
INSERT INTO return_reasons (code, parent_code, label, defective, damaged_on_arrival, shop_fault, claim_only, sort_order) VALUES
	('changed_mind', NULL, 'Changed my mind', 0, 0, 0, 0, 10),
	('no_longer_needed', 'changed_mind', 'No longer needed', 0, 0, 0, 0, 11),
	('ordered_by_mistake', 'changed_mind', 'Ordered by mistake', 0, 0, 0, 0, 12),
	('better_price', 'changed_mind', 'Found a better price', 0, 0, 0, 0, 13),
	('fit', NULL, 'Size or fit', 0, 0, 0, 0, 20),
	('too_small', 'fit', 'Too small', 0, 0, 0, 0, 21),
	('too_large', 'fit', 'Too large', 0, 0, 0, 0, 22),
	('not_as_described', NULL, 'Not as described', 0, 0, 1, 0, 30),
	('damaged', NULL, 'Arrived damaged', 0, 1, 1, 0, 40),
	('damaged_in_transit', 'damaged', 'Damaged in transit', 0, 1, 1, 0, 41),
	('damaged_packaging', 'damaged', 'Packaging damaged', 0, 1, 1, 0, 42),
	('defective', NULL, 'Defective or faulty', 1, 0, 1, 0, 50),
	('stopped_working', 'defective', 'Stopped working', 1, 0, 1, 0, 51),
	('wrong_item', NULL, 'Wrong item sent', 0, 0, 1, 0, 60),
	('missing_item', NULL, 'Item missing from the parcel', 0, 0, 1, 1, 70),
	('lost_parcel', NULL, 'Parcel never arrived', 0, 0, 1, 1, 80),
	('late_delivery', NULL, 'Arrived too late', 0, 0, 0, 0, 90);
