PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`customer_id` text,
	`status` text NOT NULL,
	`held_from` text,
	`hold_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`channel` text DEFAULT 'import' NOT NULL,
	`payment_status` text DEFAULT 'unpaid' NOT NULL,
	`fulfilment_status` text DEFAULT 'unfulfilled' NOT NULL,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`subtotal_minor` integer DEFAULT 0 NOT NULL,
	`discount_minor` integer DEFAULT 0 NOT NULL,
	`shipping_minor` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer DEFAULT 0 NOT NULL,
	`total_minor` integer NOT NULL,
	`shipping_address` text,
	`billing_address` text,
	`notes` text,
	`placed_by_kind` text,
	`placed_by_id` text,
	`placed_at` integer NOT NULL,
	`cancelled_at` integer,
	`cancel_reason` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "orders_total_nonnegative" CHECK("__new_orders"."total_minor" >= 0),
	CONSTRAINT "orders_amounts_nonnegative" CHECK("__new_orders"."subtotal_minor" >= 0 AND "__new_orders"."discount_minor" >= 0 AND "__new_orders"."shipping_minor" >= 0 AND "__new_orders"."tax_minor" >= 0),
	CONSTRAINT "orders_status_known" CHECK("__new_orders"."status" IN ('pending_payment', 'paid', 'allocated', 'picking', 'picked', 'packed', 'shipped', 'delivered', 'cancelled', 'on_hold')),
	CONSTRAINT "orders_held_from_only_on_hold" CHECK("__new_orders"."held_from" IS NULL OR ("__new_orders"."status" = 'on_hold' AND "__new_orders"."held_from" <> 'on_hold')),
	CONSTRAINT "orders_channel_known" CHECK("__new_orders"."channel" IN ('web', 'phone', 'import')),
	CONSTRAINT "orders_payment_status_known" CHECK("__new_orders"."payment_status" IN ('unpaid', 'authorized', 'paid', 'partially_refunded', 'refunded', 'refund_failed')),
	CONSTRAINT "orders_fulfilment_status_known" CHECK("__new_orders"."fulfilment_status" IN ('unfulfilled', 'partial', 'fulfilled', 'returned')),
	CONSTRAINT "orders_placed_by_known" CHECK("__new_orders"."placed_by_kind" IS NULL OR "__new_orders"."placed_by_kind" IN ('user', 'api_key', 'provider', 'system')),
	CONSTRAINT "orders_version_positive" CHECK("__new_orders"."version" >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_orders`("id", "number", "customer_id", "status", "held_from", "hold_reason", "version", "channel", "payment_status", "fulfilment_status", "currency", "subtotal_minor", "discount_minor", "shipping_minor", "tax_minor", "total_minor", "shipping_address", "billing_address", "notes", "placed_by_kind", "placed_by_id", "placed_at", "cancelled_at", "cancel_reason", "created_at", "updated_at") SELECT "id", "number", "customer_id", "status", "held_from", "hold_reason", "version", "channel", "payment_status", "fulfilment_status", "currency", "subtotal_minor", "discount_minor", "shipping_minor", "tax_minor", "total_minor", "shipping_address", "billing_address", "notes", "placed_by_kind", "placed_by_id", "placed_at", "cancelled_at", "cancel_reason", "created_at", "updated_at" FROM `orders`;--> statement-breakpoint
DROP TABLE `orders`;--> statement-breakpoint
ALTER TABLE `__new_orders` RENAME TO `orders`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_number_unique` ON `orders` (`number`);--> statement-breakpoint
CREATE INDEX `orders_customer_placed` ON `orders` (`customer_id`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_status_placed` ON `orders` (`status`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_placed` ON `orders` (`placed_at`,`id`);--> statement-breakpoint
CREATE TABLE `__new_order_lines` (
	`order_id` text NOT NULL,
	`line` integer NOT NULL,
	`kind` text DEFAULT 'product' NOT NULL,
	`product_id` text,
	`location_id` text,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_minor` integer NOT NULL,
	`discount_minor` integer DEFAULT 0 NOT NULL,
	`tax_minor` integer DEFAULT 0 NOT NULL,
	`net_minor` integer DEFAULT 0 NOT NULL,
	`quantity_shipped` integer DEFAULT 0 NOT NULL,
	`quantity_returned` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`order_id`, `line`),
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "order_lines_quantity_positive" CHECK("__new_order_lines"."quantity" > 0),
	CONSTRAINT "order_lines_price_nonnegative" CHECK("__new_order_lines"."unit_price_minor" >= 0),
	CONSTRAINT "order_lines_kind_known" CHECK("__new_order_lines"."kind" IN ('product', 'shipping')),
	CONSTRAINT "order_lines_amounts_nonnegative" CHECK("__new_order_lines"."discount_minor" >= 0 AND "__new_order_lines"."tax_minor" >= 0 AND "__new_order_lines"."net_minor" >= 0),
	CONSTRAINT "order_lines_shipped_within_quantity" CHECK("__new_order_lines"."quantity_shipped" >= 0 AND "__new_order_lines"."quantity_shipped" <= "__new_order_lines"."quantity"),
	CONSTRAINT "order_lines_returned_within_shipped" CHECK("__new_order_lines"."quantity_returned" >= 0 AND "__new_order_lines"."quantity_returned" <= "__new_order_lines"."quantity_shipped")
);
--> statement-breakpoint
INSERT INTO `__new_order_lines`("order_id", "line", "kind", "product_id", "location_id", "sku", "name", "quantity", "unit_price_minor", "discount_minor", "tax_minor", "net_minor", "quantity_shipped", "quantity_returned") SELECT "order_id", "line", "kind", "product_id", "location_id", "sku", "name", "quantity", "unit_price_minor", "discount_minor", "tax_minor", "net_minor", "quantity_shipped", "quantity_returned" FROM `order_lines`;--> statement-breakpoint
DROP TABLE `order_lines`;--> statement-breakpoint
ALTER TABLE `__new_order_lines` RENAME TO `order_lines`;--> statement-breakpoint
CREATE INDEX `order_lines_product` ON `order_lines` (`product_id`);--> statement-breakpoint
CREATE INDEX `order_lines_sku` ON `order_lines` (`sku`,`order_id`);