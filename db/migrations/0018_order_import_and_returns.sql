CREATE TABLE `return_lines` (
	`return_id` text NOT NULL,
	`line` integer NOT NULL,
	`order_id` text NOT NULL,
	`order_line` integer NOT NULL,
	`sku` text NOT NULL,
	`quantity` integer NOT NULL,
	`refund_minor` integer DEFAULT 0 NOT NULL,
	`reason` text,
	PRIMARY KEY(`return_id`, `line`),
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`,`order_line`) REFERENCES `order_lines`(`order_id`,`line`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "return_lines_quantity_positive" CHECK("return_lines"."quantity" > 0),
	CONSTRAINT "return_lines_refund_nonnegative" CHECK("return_lines"."refund_minor" >= 0)
);
--> statement-breakpoint
CREATE INDEX `return_lines_order_line` ON `return_lines` (`order_id`,`order_line`);--> statement-breakpoint
CREATE TABLE `returns` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`order_id` text NOT NULL,
	`customer_id` text,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`external_ref` text,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`refund_minor` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "returns_channel_known" CHECK("returns"."channel" IN ('import', 'phone', 'web')),
	CONSTRAINT "returns_status_known" CHECK("returns"."status" IN ('requested', 'authorised', 'partially_received', 'received', 'inspected', 'resolved', 'rejected', 'cancelled', 'expired')),
	CONSTRAINT "returns_refund_nonnegative" CHECK("returns"."refund_minor" >= 0),
	CONSTRAINT "returns_version_positive" CHECK("returns"."version" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `returns_number_unique` ON `returns` (`number`);--> statement-breakpoint
CREATE INDEX `returns_order` ON `returns` (`order_id`);--> statement-breakpoint
CREATE INDEX `returns_customer_created` ON `returns` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `returns_channel_external_ref` ON `returns` (`channel`,`external_ref`,`order_id`) WHERE "returns"."external_ref" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `external_ref` text;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_channel_external_ref` ON `orders` (`channel`,`external_ref`) WHERE "orders"."external_ref" IS NOT NULL;--> statement-breakpoint
INSERT INTO counters (name, value) VALUES ('return_number', 10000);