CREATE TABLE `shipment_lines` (
	`shipment_id` text NOT NULL,
	`order_id` text NOT NULL,
	`line` integer NOT NULL,
	`quantity` integer NOT NULL,
	`picked_quantity` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`shipment_id`, `line`),
	FOREIGN KEY (`shipment_id`) REFERENCES `shipments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`,`line`) REFERENCES `order_lines`(`order_id`,`line`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shipment_lines_quantity_positive" CHECK("shipment_lines"."quantity" > 0),
	CONSTRAINT "shipment_lines_picked_within_quantity" CHECK("shipment_lines"."picked_quantity" >= 0 AND "shipment_lines"."picked_quantity" <= "shipment_lines"."quantity")
);
--> statement-breakpoint
CREATE INDEX `shipment_lines_order_line` ON `shipment_lines` (`order_id`,`line`);--> statement-breakpoint
CREATE TABLE `shipments` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`location_id` text NOT NULL,
	`status` text DEFAULT 'picking' NOT NULL,
	`carrier` text,
	`tracking_number` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`packed_at` integer,
	`shipped_at` integer,
	`delivered_at` integer,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shipments_status_known" CHECK("shipments"."status" IN ('picking', 'packed', 'shipped', 'delivered')),
	CONSTRAINT "shipments_shipped_has_carrier" CHECK("shipments"."status" IN ('picking', 'packed') OR ("shipments"."carrier" IS NOT NULL AND "shipments"."shipped_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `shipments_order` ON `shipments` (`order_id`);--> statement-breakpoint
CREATE INDEX `shipments_location_status` ON `shipments` (`location_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `timeline_events` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`actor_label` text,
	`entity_kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`customer_id` text,
	`order_id` text,
	`kind` text NOT NULL,
	`summary` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "timeline_events_actor_kind_known" CHECK("timeline_events"."actor_kind" IN ('user', 'api_key', 'provider', 'system')),
	CONSTRAINT "timeline_events_entity_kind_known" CHECK("timeline_events"."entity_kind" IN ('order', 'payment', 'shipment', 'return', 'case', 'customer'))
);
--> statement-breakpoint
CREATE INDEX `timeline_events_order_at` ON `timeline_events` (`order_id`,`at`);--> statement-breakpoint
CREATE INDEX `timeline_events_customer_at` ON `timeline_events` (`customer_id`,`at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`provider` text NOT NULL,
	`provider_ref` text NOT NULL,
	`payment_intent_ref` text,
	`amount_minor` integer NOT NULL,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`captured_minor` integer DEFAULT 0 NOT NULL,
	`refunded_minor` integer DEFAULT 0 NOT NULL,
	`card_brand` text,
	`card_last4` text,
	`checkout_url` text,
	`expires_at` integer,
	`failure_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_provider_known" CHECK("payments"."provider" IN ('stripe', 'sandbox')),
	CONSTRAINT "payments_status_known" CHECK("payments"."status" IN ('pending', 'succeeded', 'failed', 'expired', 'refunded', 'partially_refunded')),
	CONSTRAINT "payments_amount_positive" CHECK("payments"."amount_minor" > 0),
	CONSTRAINT "payments_captured_within_amount" CHECK("payments"."captured_minor" >= 0 AND "payments"."captured_minor" <= "payments"."amount_minor"),
	CONSTRAINT "payments_refunded_within_captured" CHECK("payments"."refunded_minor" >= 0 AND "payments"."refunded_minor" <= "payments"."captured_minor"),
	CONSTRAINT "payments_card_last4_digits" CHECK("payments"."card_last4" IS NULL OR (length("payments"."card_last4") = 4 AND "payments"."card_last4" NOT GLOB '*[^0-9]*'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_ref` ON `payments` (`provider`,`provider_ref`);--> statement-breakpoint
CREATE INDEX `payments_order` ON `payments` (`order_id`);--> statement-breakpoint
CREATE INDEX `payments_intent` ON `payments` (`payment_intent_ref`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` text PRIMARY KEY NOT NULL,
	`payment_id` text NOT NULL,
	`order_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`provider_ref` text,
	`failure_reason` text,
	`idempotency_key` text NOT NULL,
	`requested_by_kind` text,
	`requested_by_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refunds_amount_positive" CHECK("refunds"."amount_minor" > 0),
	CONSTRAINT "refunds_status_known" CHECK("refunds"."status" IN ('pending', 'succeeded', 'failed', 'manual'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_idempotency_key_unique` ON `refunds` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `refunds_payment` ON `refunds` (`payment_id`);--> statement-breakpoint
CREATE INDEX `refunds_order` ON `refunds` (`order_id`);--> statement-breakpoint
CREATE INDEX `refunds_provider_ref` ON `refunds` (`provider_ref`);--> statement-breakpoint
CREATE TABLE `webhook_inbox` (
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`received_at` integer NOT NULL,
	`applied_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_inbox_event` ON `webhook_inbox` (`provider`,`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_inbox_pending` ON `webhook_inbox` (`received_at`) WHERE "webhook_inbox"."applied_at" IS NULL;--> statement-breakpoint
ALTER TABLE `stock_levels` ADD `bin` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `kind` text DEFAULT 'product' NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `location_id` text REFERENCES locations(id);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `discount_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `tax_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `net_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `quantity_shipped` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `quantity_returned` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `order_lines_sku` ON `order_lines` (`sku`,`order_id`);--> statement-breakpoint
ALTER TABLE `orders` ADD `held_from` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `hold_reason` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `channel` text DEFAULT 'import' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `payment_status` text DEFAULT 'unpaid' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `fulfilment_status` text DEFAULT 'unfulfilled' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `subtotal_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `discount_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipping_address` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `billing_address` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `notes` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `placed_by_kind` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `placed_by_id` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancel_reason` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `orders_placed` ON `orders` (`placed_at`,`id`);