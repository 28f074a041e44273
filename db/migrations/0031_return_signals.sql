CREATE INDEX `refunds_created` ON `refunds` (`created_at`,`kind`);--> statement-breakpoint
CREATE INDEX `return_overrides_created` ON `return_overrides` (`created_at`,`manager_id`);--> statement-breakpoint
CREATE INDEX `store_credit_created` ON `store_credit_entries` (`created_at`,`kind`);