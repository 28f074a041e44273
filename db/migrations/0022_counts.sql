CREATE TABLE `count_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`product_id` text NOT NULL,
	`location_id` text NOT NULL,
	`bin` text,
	`counted` integer NOT NULL,
	`counted_at` integer NOT NULL,
	`device_time` integer NOT NULL,
	`expected` integer NOT NULL,
	`variance_units` integer NOT NULL,
	`variance_value_minor` integer NOT NULL,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`device_id` text NOT NULL,
	`counted_by_id` text,
	`status` text NOT NULL,
	`two_devices` integer DEFAULT false NOT NULL,
	`movement_id` text,
	`decided_by_id` text,
	`decided_at` integer,
	`idempotency_key` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `count_tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "count_lines_status_known" CHECK("count_lines"."status" IN ('applied', 'awaiting_approval', 'recount', 'rejected')),
	CONSTRAINT "count_lines_counted_nonnegative" CHECK("count_lines"."counted" >= 0),
	CONSTRAINT "count_lines_version_positive" CHECK("count_lines"."version" >= 1)
);
--> statement-breakpoint
CREATE INDEX `count_lines_task_product` ON `count_lines` (`task_id`,`product_id`,`location_id`);--> statement-breakpoint
CREATE INDEX `count_lines_awaiting` ON `count_lines` (`location_id`,`counted_at`) WHERE "count_lines"."status" = 'awaiting_approval';--> statement-breakpoint
CREATE INDEX `count_lines_awaiting_all` ON `count_lines` (`counted_at`) WHERE "count_lines"."status" = 'awaiting_approval';--> statement-breakpoint
CREATE UNIQUE INDEX `count_lines_idempotency` ON `count_lines` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `count_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`location_id` text NOT NULL,
	`bin_prefix` text,
	`assignee_id` text,
	`blind` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`note` text,
	`created_by_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "count_tasks_status_known" CHECK("count_tasks"."status" IN ('open', 'submitted', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `count_tasks_assignee_status` ON `count_tasks` (`assignee_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `count_tasks_location_status` ON `count_tasks` (`location_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `count_tasks_status` ON `count_tasks` (`status`,`created_at`);--> statement-breakpoint
-- Hand-written (decide, then write; docs/architecture.md "Counts"): the count verbs'
-- preconditions. A count line's snapshot (its version), a level's values as read
-- (`stock_level`: on hand unchanged), and a task that still takes counts.
CREATE TRIGGER preconditions_count_line INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'count_line' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_count_line_changed');
END;
--> statement-breakpoint
CREATE TRIGGER preconditions_stock_level INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'stock_level' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_stock_level_changed');
END;
--> statement-breakpoint
CREATE TRIGGER preconditions_count_task_open INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'count_task_open' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_count_task_closed');
END;
--> statement-breakpoint
CREATE TRIGGER preconditions_count_line_awaiting INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'count_line_awaiting' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_count_line_decided');
END;
--> statement-breakpoint
CREATE TRIGGER target_checks_count_task INSTEAD OF INSERT ON target_checks
WHEN NEW.target = 'count_task' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_count_task');
END;
--> statement-breakpoint
CREATE TRIGGER target_checks_count_line INSTEAD OF INSERT ON target_checks
WHEN NEW.target = 'count_line' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_count_line');
END;
--> statement-breakpoint
-- A task's lines to count: the levels at one location whose bin starts with a prefix.
CREATE INDEX `stock_levels_location_bin` ON `stock_levels` (`location_id`,`bin`);
