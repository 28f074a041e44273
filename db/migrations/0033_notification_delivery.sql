ALTER TABLE `customer_notifications` ADD `sent_via` text;--> statement-breakpoint
ALTER TABLE `customer_notifications` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `customer_notifications` ADD `last_error` text;--> statement-breakpoint
CREATE INDEX `customer_notifications_due` ON `customer_notifications` (`status`,`next_attempt_at`);