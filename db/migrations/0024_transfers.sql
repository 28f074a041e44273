CREATE TABLE `transfer_lines` (
	`transfer_id` text NOT NULL,
	`product_id` text NOT NULL,
	`quantity_sent` integer NOT NULL,
	`quantity_received` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`transfer_id`, `product_id`),
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transfer_lines_quantity_positive" CHECK("transfer_lines"."quantity_sent" > 0),
	CONSTRAINT "transfer_lines_received_within_sent" CHECK("transfer_lines"."quantity_received" >= 0 AND "transfer_lines"."quantity_received" <= "transfer_lines"."quantity_sent")
);
--> statement-breakpoint
CREATE INDEX `transfer_lines_product` ON `transfer_lines` (`product_id`,`transfer_id`);--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`from_location_id` text NOT NULL,
	`to_location_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`sent_by` text,
	`sent_at` integer,
	`received_by` text,
	`received_at` integer,
	`cancelled_by` text,
	`cancelled_at` integer,
	FOREIGN KEY (`from_location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transfers_two_locations" CHECK("transfers"."from_location_id" <> "transfers"."to_location_id"),
	CONSTRAINT "transfers_status_known" CHECK("transfers"."status" IN ('draft', 'sent', 'partially_received', 'received', 'cancelled')),
	CONSTRAINT "transfers_version_positive" CHECK("transfers"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfers_number` ON `transfers` (`number`);--> statement-breakpoint
CREATE INDEX `transfers_created` ON `transfers` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `transfers_status_created` ON `transfers` (`status`,`created_at`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_stock_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`location_id` text NOT NULL,
	`kind` text NOT NULL,
	`on_hand_delta` integer DEFAULT 0 NOT NULL,
	`reserved_delta` integer DEFAULT 0 NOT NULL,
	`reason` text NOT NULL,
	`reference` text,
	`actor_id` text,
	`device_time` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_movements_kind_known" CHECK("__new_stock_movements"."kind" IN ('receipt', 'reservation', 'release', 'shipment', 'return_restock', 'adjustment', 'count', 'transfer_out', 'transfer_in'))
);
--> statement-breakpoint
INSERT INTO `__new_stock_movements`("id", "product_id", "location_id", "kind", "on_hand_delta", "reserved_delta", "reason", "reference", "actor_id", "device_time", "created_at") SELECT "id", "product_id", "location_id", "kind", "on_hand_delta", "reserved_delta", "reason", "reference", "actor_id", "device_time", "created_at" FROM `stock_movements`;--> statement-breakpoint
DROP TABLE `stock_movements`;--> statement-breakpoint
ALTER TABLE `__new_stock_movements` RENAME TO `stock_movements`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `stock_movements_product_time` ON `stock_movements` (`product_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `stock_movements_product_kind_time` ON `stock_movements` (`product_id`,`kind`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `order_lines_sales` ON `order_lines` (`order_id`,`kind`,`product_id`,`quantity`,`quantity_returned`);--> statement-breakpoint
CREATE INDEX `count_lines_counted` ON `count_lines` (`counted_at`,`id`);--> statement-breakpoint
-- Transfers are decided from a snapshot (send, cancel): expectVersion(ctx, 'transfer', …)
-- aborts the batch when the transfer moved since it was read (migration 0014's view).
CREATE TRIGGER preconditions_transfer INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'transfer' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_transfer_changed');
END;
--> statement-breakpoint
-- TR-1001 is the first transfer; the creating batch moves the counter and reads it.
INSERT INTO counters (name, value) VALUES ('transfer_number', 1000) ON CONFLICT (name) DO NOTHING;
