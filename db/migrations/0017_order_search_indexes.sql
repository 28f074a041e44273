DROP INDEX `orders_customer_placed`;--> statement-breakpoint
DROP INDEX `orders_status_placed`;--> statement-breakpoint
DROP INDEX `orders_placed`;--> statement-breakpoint
CREATE INDEX `orders_id_placed` ON `orders` (`id`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_customer_placed` ON `orders` (`customer_id`,`placed_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_status_placed` ON `orders` (`status`,`placed_at`,`id`);--> statement-breakpoint
CREATE INDEX `orders_placed` ON `orders` (`placed_at`,`id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `customers_name_nocase` ON `customers` ("name" COLLATE NOCASE);