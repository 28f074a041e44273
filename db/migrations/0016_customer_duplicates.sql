CREATE TABLE `customer_duplicate_queue` (
	`customer_id` text PRIMARY KEY NOT NULL,
	`queued_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customer_duplicates` (
	`customer_a` text NOT NULL,
	`customer_b` text NOT NULL,
	`score` real NOT NULL,
	`reasons` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`found_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	PRIMARY KEY(`customer_a`, `customer_b`),
	FOREIGN KEY (`customer_a`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_b`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "customer_duplicates_ordered" CHECK("customer_duplicates"."customer_a" < "customer_duplicates"."customer_b"),
	CONSTRAINT "customer_duplicates_status" CHECK("customer_duplicates"."status" IN ('open', 'dismissed', 'merged')),
	CONSTRAINT "customer_duplicates_score" CHECK("customer_duplicates"."score" >= 0 AND "customer_duplicates"."score" <= 1)
);
--> statement-breakpoint
CREATE INDEX `customer_duplicates_status_score` ON `customer_duplicates` (`status`,`score`);--> statement-breakpoint
CREATE INDEX `customer_duplicates_b` ON `customer_duplicates` (`customer_b`);--> statement-breakpoint
CREATE TABLE `customer_merges` (
	`id` text PRIMARY KEY NOT NULL,
	`survivor_id` text NOT NULL,
	`record` text NOT NULL,
	`survivor_version` integer NOT NULL,
	`merged_by` text,
	`merged_at` integer NOT NULL,
	`undone_at` integer,
	`undone_by` text,
	FOREIGN KEY (`survivor_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_merges_survivor` ON `customer_merges` (`survivor_id`,`merged_at`);--> statement-breakpoint
-- Hand-written: what the duplicate finder looks up neighbours by, and the triggers that queue a
-- customer whenever a matching field changes, whoever writes it (profiles, import, merge).
CREATE INDEX `customers_date_of_birth` ON `customers` (`date_of_birth`) WHERE `date_of_birth` IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `customers_family_given` ON `customers` (lower(`family_name`), lower(`given_name`));
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_customer_insert AFTER INSERT ON customers
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_customer_update AFTER UPDATE OF given_name, family_name, date_of_birth, merged_into, erased_at ON customers
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_email_insert AFTER INSERT ON customer_emails
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (NEW.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_email_update AFTER UPDATE ON customer_emails
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (NEW.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (OLD.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_email_delete AFTER DELETE ON customer_emails
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (OLD.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_phone_insert AFTER INSERT ON customer_phones
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (NEW.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_phone_update AFTER UPDATE ON customer_phones
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (NEW.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (OLD.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_phone_delete AFTER DELETE ON customer_phones
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (OLD.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_address_insert AFTER INSERT ON customer_addresses
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (NEW.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_address_update AFTER UPDATE ON customer_addresses
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (NEW.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (OLD.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER customer_duplicate_queue_address_delete AFTER DELETE ON customer_addresses
BEGIN
	INSERT OR REPLACE INTO customer_duplicate_queue (customer_id, queued_at) VALUES (OLD.customer_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
-- Customers from before the finder existed: the first run looks at each of them once.
INSERT OR IGNORE INTO customer_duplicate_queue (customer_id, queued_at)
	SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM customers WHERE merged_into IS NULL;
