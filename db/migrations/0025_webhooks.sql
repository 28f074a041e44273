CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`endpoint_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_status_code` integer,
	`last_error` text,
	`last_attempt_at` integer,
	`delivered_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `outbound_events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "webhook_deliveries_status_known" CHECK("webhook_deliveries"."status" IN ('pending', 'failed', 'delivered', 'dead')),
	CONSTRAINT "webhook_deliveries_attempts_nonnegative" CHECK("webhook_deliveries"."attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_event_endpoint` ON `webhook_deliveries` (`event_id`,`endpoint_id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_time` ON `webhook_deliveries` (`endpoint_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due` ON `webhook_deliveries` (`next_attempt_at`) WHERE status IN ('pending', 'failed');--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`secret_sealed` text NOT NULL,
	`events` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`fanned_out_to` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "webhook_endpoints_events_array" CHECK(json_type("webhook_endpoints"."events") = 'array'),
	CONSTRAINT "webhook_endpoints_url_http" CHECK("webhook_endpoints"."url" GLOB 'http*://*')
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_active` ON `webhook_endpoints` (`active`);--> statement-breakpoint
-- Hand-written (issue 8): every change of a stock level emits `stock.changed` into the
-- outbound events outbox in the writer's own transaction, whatever path changed it (the
-- ledger builders, counts, transfers, imports, a bulk upsert), so no writer can forget.
-- A write that touches neither on_hand nor reserved (a bin, a version bump) emits nothing,
-- nor does an empty level row created before the ledger's update fills it.
CREATE TRIGGER `stock_levels_emit_changed_insert` AFTER INSERT ON `stock_levels`
WHEN NEW.`on_hand` <> 0 OR NEW.`reserved` <> 0
BEGIN
	INSERT INTO `outbound_events` (`id`, `type`, `entity_kind`, `entity_id`, `data`, `created_at`)
	VALUES (
		lower(hex(randomblob(16))), 'stock.changed', 'product', NEW.`product_id`,
		json_object(
			'productId', NEW.`product_id`,
			'sku', (SELECT `sku` FROM `products` WHERE `id` = NEW.`product_id`),
			'location', (SELECT `code` FROM `locations` WHERE `id` = NEW.`location_id`),
			'onHand', NEW.`on_hand`,
			'reserved', NEW.`reserved`,
			'available', NEW.`on_hand` - NEW.`reserved`
		),
		CAST(unixepoch('subsec') * 1000 AS INTEGER)
	);
END;
--> statement-breakpoint
CREATE TRIGGER `stock_levels_emit_changed_update` AFTER UPDATE OF `on_hand`, `reserved` ON `stock_levels`
WHEN OLD.`on_hand` IS NOT NEW.`on_hand` OR OLD.`reserved` IS NOT NEW.`reserved`
BEGIN
	INSERT INTO `outbound_events` (`id`, `type`, `entity_kind`, `entity_id`, `data`, `created_at`)
	VALUES (
		lower(hex(randomblob(16))), 'stock.changed', 'product', NEW.`product_id`,
		json_object(
			'productId', NEW.`product_id`,
			'sku', (SELECT `sku` FROM `products` WHERE `id` = NEW.`product_id`),
			'location', (SELECT `code` FROM `locations` WHERE `id` = NEW.`location_id`),
			'onHand', NEW.`on_hand`,
			'reserved', NEW.`reserved`,
			'available', NEW.`on_hand` - NEW.`reserved`
		),
		CAST(unixepoch('subsec') * 1000 AS INTEGER)
	);
END;
--> statement-breakpoint
-- A route naming an endpoint or a delivery that does not exist: 404 from inside its batch.
CREATE TRIGGER `target_checks_webhook_endpoint` INSTEAD OF INSERT ON `target_checks`
WHEN NEW.target = 'webhook_endpoint' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_webhook_endpoint');
END;
--> statement-breakpoint
CREATE TRIGGER `target_checks_webhook_delivery` INSTEAD OF INSERT ON `target_checks`
WHEN NEW.target = 'webhook_delivery' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_webhook_delivery');
END;
