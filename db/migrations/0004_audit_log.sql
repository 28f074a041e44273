CREATE TABLE `audit_checkpoints` (
	`through_seq` integer PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`purged` integer NOT NULL,
	`purge_id` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "audit_checkpoints_hash_shape" CHECK(length("audit_checkpoints"."hash") = 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_checkpoints_purge_id_unique` ON `audit_checkpoints` (`purge_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`ip` text,
	`user_agent` text,
	`request_id` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`prev_hash` text,
	`hash` text,
	CONSTRAINT "audit_log_actor_type_known" CHECK("audit_log"."actor_type" IN ('user', 'api_key', 'system', 'anonymous')),
	CONSTRAINT "audit_log_outcome_known" CHECK("audit_log"."outcome" IN ('success', 'failure')),
	CONSTRAINT "audit_log_action_shape" CHECK("audit_log"."action" GLOB '[a-z]*.[a-z]*'),
	CONSTRAINT "audit_log_details_object" CHECK(json_type("audit_log"."details") = 'object'),
	CONSTRAINT "audit_log_sealed_whole" CHECK(("audit_log"."hash" IS NULL) = ("audit_log"."prev_hash" IS NULL)
				AND ("audit_log"."hash" IS NULL OR (length("audit_log"."hash") = 64 AND length("audit_log"."prev_hash") = 64)))
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_actor` ON `audit_log` (`actor_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target_type`,`target_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_unsealed` ON `audit_log` (`seq`) WHERE "audit_log"."hash" IS NULL;--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "settings_key_shape" CHECK("settings"."key" GLOB '[a-z]*.[a-z]*'),
	CONSTRAINT "settings_value_json" CHECK(json_valid("settings"."value"))
);
