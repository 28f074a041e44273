CREATE TABLE `outbound_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`entity_kind` text NOT NULL,
	`entity_id` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "outbound_events_type_shape" CHECK("outbound_events"."type" GLOB '[a-z]*.[a-z]*'),
	CONSTRAINT "outbound_events_data_json" CHECK(json_valid("outbound_events"."data"))
);
--> statement-breakpoint
CREATE INDEX `outbound_events_created` ON `outbound_events` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `outbound_events_entity` ON `outbound_events` (`entity_kind`,`entity_id`,`created_at`);