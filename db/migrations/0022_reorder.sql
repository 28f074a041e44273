CREATE TABLE `purchase_order_lines` (
	`purchase_order_id` text NOT NULL,
	`line` integer NOT NULL,
	`product_id` text NOT NULL,
	`supplier_code` text,
	`ordered_qty` integer NOT NULL,
	`unit_cost_minor` integer NOT NULL,
	`received_qty` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`purchase_order_id`, `line`),
	FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "purchase_order_lines_ordered_positive" CHECK("purchase_order_lines"."ordered_qty" > 0),
	CONSTRAINT "purchase_order_lines_cost" CHECK("purchase_order_lines"."unit_cost_minor" >= 0),
	CONSTRAINT "purchase_order_lines_received" CHECK("purchase_order_lines"."received_qty" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_order_lines_product` ON `purchase_order_lines` (`purchase_order_id`,`product_id`);--> statement-breakpoint
CREATE INDEX `purchase_order_lines_by_product` ON `purchase_order_lines` (`product_id`);--> statement-breakpoint
CREATE TABLE `purchase_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`supplier_id` text NOT NULL,
	`location_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by_id` text,
	`approved_by_id` text,
	`approved_at` integer,
	`sent_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "purchase_orders_status_known" CHECK("purchase_orders"."status" IN ('draft', 'approved', 'sent', 'partially_received', 'received', 'cancelled')),
	CONSTRAINT "purchase_orders_version_positive" CHECK("purchase_orders"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_orders_number_unique` ON `purchase_orders` (`number`);--> statement-breakpoint
CREATE INDEX `purchase_orders_status` ON `purchase_orders` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `purchase_orders_supplier` ON `purchase_orders` (`supplier_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `stock_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`location_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`available_at_open` integer NOT NULL,
	`reorder_point` integer NOT NULL,
	`closed_at` integer,
	`available_at_close` integer,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_alerts_one_open` ON `stock_alerts` (`product_id`,`location_id`) WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX `stock_alerts_open_list` ON `stock_alerts` (`opened_at`) WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX `stock_alerts_product` ON `stock_alerts` (`product_id`,`opened_at`);--> statement-breakpoint
CREATE TABLE `supplier_items` (
	`supplier_id` text NOT NULL,
	`product_id` text NOT NULL,
	`supplier_code` text NOT NULL,
	`pack_size` integer DEFAULT 1 NOT NULL,
	`unit_cost_minor` integer NOT NULL,
	`last_paid_unit_cost_minor` integer,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	PRIMARY KEY(`supplier_id`, `product_id`),
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "supplier_items_pack_size" CHECK("supplier_items"."pack_size" >= 1),
	CONSTRAINT "supplier_items_cost" CHECK("supplier_items"."unit_cost_minor" >= 0)
);
--> statement-breakpoint
CREATE INDEX `supplier_items_product` ON `supplier_items` (`product_id`);--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`lead_time_days` integer NOT NULL,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "suppliers_lead_time" CHECK("suppliers"."lead_time_days" >= 0 AND "suppliers"."lead_time_days" <= 365),
	CONSTRAINT "suppliers_currency_iso" CHECK(length("suppliers"."currency") = 3)
);
--> statement-breakpoint
CREATE INDEX `suppliers_name` ON `suppliers` (`name`);--> statement-breakpoint
ALTER TABLE `products` ADD `average_cost_minor` integer;--> statement-breakpoint
ALTER TABLE `stock_levels` ADD `reorder_point` integer;--> statement-breakpoint
ALTER TABLE `stock_levels` ADD `reorder_qty` integer;--> statement-breakpoint
CREATE INDEX `order_lines_product_location` ON `order_lines` (`product_id`,`location_id`,`order_id`,`quantity`);--> statement-breakpoint
-- Low-stock alerts (issue 8), hand-written. Triggers on stock_levels, so EVERY writer of
-- stock (orders, counts, imports, adjustments, transfers, code written later) opens and
-- closes alerts the same way, in its own transaction. Effective point: the level's own
-- reorder_point, else the product's. An alert opens when available (on hand − reserved)
-- is BELOW the point and none is open (the partial unique index stock_alerts_one_open
-- also says so), with one `stock.low` row in outbound_events (the shape emitEvent()
-- writes); it closes when available is back at or above the point. Nothing repeats
-- while it stays low. Times: the level's updated_at when the writer moved it (the ledger
-- sets the batch's time), else the database clock.
CREATE TRIGGER stock_alerts_open_on_update AFTER UPDATE OF on_hand, reserved, reorder_point ON stock_levels
WHEN NEW.on_hand - NEW.reserved < coalesce(NEW.reorder_point, (SELECT reorder_point FROM products WHERE id = NEW.product_id))
	AND NOT EXISTS (SELECT 1 FROM stock_alerts WHERE product_id = NEW.product_id AND location_id = NEW.location_id AND closed_at IS NULL)
BEGIN
	INSERT INTO stock_alerts (id, product_id, location_id, opened_at, available_at_open, reorder_point)
	VALUES (lower(hex(randomblob(16))), NEW.product_id, NEW.location_id,
		CASE WHEN NEW.updated_at > OLD.updated_at THEN NEW.updated_at ELSE CAST(unixepoch('subsec') * 1000 AS INTEGER) END,
		NEW.on_hand - NEW.reserved,
		coalesce(NEW.reorder_point, (SELECT reorder_point FROM products WHERE id = NEW.product_id)));
	INSERT INTO outbound_events (id, type, entity_kind, entity_id, data, created_at)
	SELECT lower(hex(randomblob(16))), 'stock.low', 'product', NEW.product_id,
		json_object('alertId', a.id, 'productId', NEW.product_id, 'sku', p.sku,
			'locationId', NEW.location_id, 'locationCode', l.code,
			'onHand', NEW.on_hand, 'reserved', NEW.reserved,
			'available', NEW.on_hand - NEW.reserved, 'reorderPoint', a.reorder_point),
		a.opened_at
	FROM stock_alerts a JOIN products p ON p.id = a.product_id JOIN locations l ON l.id = a.location_id
	WHERE a.product_id = NEW.product_id AND a.location_id = NEW.location_id AND a.closed_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER stock_alerts_close_on_update AFTER UPDATE OF on_hand, reserved, reorder_point ON stock_levels
WHEN NEW.on_hand - NEW.reserved >= coalesce(NEW.reorder_point, (SELECT reorder_point FROM products WHERE id = NEW.product_id))
BEGIN
	UPDATE stock_alerts
	SET closed_at = CASE WHEN NEW.updated_at > OLD.updated_at THEN NEW.updated_at ELSE CAST(unixepoch('subsec') * 1000 AS INTEGER) END,
		available_at_close = NEW.on_hand - NEW.reserved
	WHERE product_id = NEW.product_id AND location_id = NEW.location_id AND closed_at IS NULL;
END;
--> statement-breakpoint
-- A new level row: the ledger first inserts an empty placeholder (0 on hand, 0 reserved,
-- no point of its own) and moves it in the next statement, so that row is left to the
-- UPDATE trigger (else every first receipt would open and close an alert). A row written
-- with stock or its own point (an import, a hand-set point) is judged at once.
CREATE TRIGGER stock_alerts_open_on_insert AFTER INSERT ON stock_levels
WHEN (NEW.on_hand <> 0 OR NEW.reserved <> 0 OR NEW.reorder_point IS NOT NULL)
	AND NEW.on_hand - NEW.reserved < coalesce(NEW.reorder_point, (SELECT reorder_point FROM products WHERE id = NEW.product_id))
	AND NOT EXISTS (SELECT 1 FROM stock_alerts WHERE product_id = NEW.product_id AND location_id = NEW.location_id AND closed_at IS NULL)
BEGIN
	INSERT INTO stock_alerts (id, product_id, location_id, opened_at, available_at_open, reorder_point)
	VALUES (lower(hex(randomblob(16))), NEW.product_id, NEW.location_id, NEW.updated_at,
		NEW.on_hand - NEW.reserved,
		coalesce(NEW.reorder_point, (SELECT reorder_point FROM products WHERE id = NEW.product_id)));
	INSERT INTO outbound_events (id, type, entity_kind, entity_id, data, created_at)
	SELECT lower(hex(randomblob(16))), 'stock.low', 'product', NEW.product_id,
		json_object('alertId', a.id, 'productId', NEW.product_id, 'sku', p.sku,
			'locationId', NEW.location_id, 'locationCode', l.code,
			'onHand', NEW.on_hand, 'reserved', NEW.reserved,
			'available', NEW.on_hand - NEW.reserved, 'reorderPoint', a.reorder_point),
		a.opened_at
	FROM stock_alerts a JOIN products p ON p.id = a.product_id JOIN locations l ON l.id = a.location_id
	WHERE a.product_id = NEW.product_id AND a.location_id = NEW.location_id AND a.closed_at IS NULL;
END;
--> statement-breakpoint
-- The product's default point changed: the levels that follow it (no point of their
-- own) are judged again. 'now' is one value for the whole statement (SQLite), so the
-- events find exactly the alerts this statement opened.
CREATE TRIGGER stock_alerts_product_point AFTER UPDATE OF reorder_point ON products
WHEN NEW.reorder_point IS NOT OLD.reorder_point
BEGIN
	INSERT INTO stock_alerts (id, product_id, location_id, opened_at, available_at_open, reorder_point)
	SELECT lower(hex(randomblob(16))), s.product_id, s.location_id, CAST(unixepoch('subsec') * 1000 AS INTEGER),
		s.on_hand - s.reserved, NEW.reorder_point
	FROM stock_levels s
	WHERE s.product_id = NEW.id AND s.reorder_point IS NULL AND s.on_hand - s.reserved < NEW.reorder_point
		AND NOT EXISTS (SELECT 1 FROM stock_alerts a WHERE a.product_id = s.product_id AND a.location_id = s.location_id AND a.closed_at IS NULL);
	INSERT INTO outbound_events (id, type, entity_kind, entity_id, data, created_at)
	SELECT lower(hex(randomblob(16))), 'stock.low', 'product', a.product_id,
		json_object('alertId', a.id, 'productId', a.product_id, 'sku', NEW.sku,
			'locationId', a.location_id, 'locationCode', l.code,
			'onHand', s.on_hand, 'reserved', s.reserved,
			'available', a.available_at_open, 'reorderPoint', a.reorder_point),
		a.opened_at
	FROM stock_alerts a JOIN stock_levels s ON s.product_id = a.product_id AND s.location_id = a.location_id
		JOIN locations l ON l.id = a.location_id
	WHERE a.product_id = NEW.id AND a.closed_at IS NULL AND a.opened_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
		AND s.reorder_point IS NULL;
	UPDATE stock_alerts
	SET closed_at = CAST(unixepoch('subsec') * 1000 AS INTEGER),
		available_at_close = (SELECT s.on_hand - s.reserved FROM stock_levels s WHERE s.product_id = stock_alerts.product_id AND s.location_id = stock_alerts.location_id)
	WHERE product_id = NEW.id AND closed_at IS NULL
		AND location_id IN (SELECT location_id FROM stock_levels s WHERE s.product_id = NEW.id AND s.reorder_point IS NULL AND s.on_hand - s.reserved >= NEW.reorder_point);
END;
--> statement-breakpoint
-- Purchase orders are decided, then written (docs/architecture.md): a receipt or an
-- approval starts its batch with `expectVersion(ctx, 'purchase_order', id, version)`.
CREATE TRIGGER preconditions_purchase_order INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'purchase_order' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_purchase_order_changed');
END;
--> statement-breakpoint
INSERT INTO counters (name, value) VALUES ('purchase_order_number', 10000);
