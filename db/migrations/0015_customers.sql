CREATE TABLE `customer_addresses` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`kind` text NOT NULL,
	`line1` text NOT NULL,
	`line2` text,
	`city` text,
	`region` text,
	`postal_code` text,
	`postal_code_original` text,
	`postal_key` text,
	`country` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "customer_addresses_kind" CHECK("customer_addresses"."kind" IN ('billing', 'shipping')),
	CONSTRAINT "customer_addresses_country" CHECK("customer_addresses"."country" GLOB '[A-Z][A-Z]')
);
--> statement-breakpoint
CREATE INDEX `customer_addresses_customer` ON `customer_addresses` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_addresses_postal_key` ON `customer_addresses` (`postal_key`);--> statement-breakpoint
CREATE TABLE `customer_consents` (
	`customer_id` text NOT NULL,
	`channel` text NOT NULL,
	`granted` integer NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`recorded_by` text,
	PRIMARY KEY(`customer_id`, `channel`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "customer_consents_channel" CHECK("customer_consents"."channel" IN ('email', 'sms', 'phone', 'post'))
);
--> statement-breakpoint
CREATE TABLE `customer_emails` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`email` text NOT NULL,
	`original` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "customer_emails_lower" CHECK("customer_emails"."email" = lower("customer_emails"."email"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_emails_customer_email` ON `customer_emails` (`customer_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `customer_emails_one_primary` ON `customer_emails` (`customer_id`) WHERE is_primary = 1;--> statement-breakpoint
CREATE INDEX `customer_emails_email` ON `customer_emails` (`email`);--> statement-breakpoint
CREATE TABLE `customer_external_ids` (
	`customer_id` text NOT NULL,
	`system` text NOT NULL,
	`value` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	PRIMARY KEY(`system`, `value`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_external_ids_customer` ON `customer_external_ids` (`customer_id`);--> statement-breakpoint
CREATE INDEX `customer_external_ids_value` ON `customer_external_ids` (`value`);--> statement-breakpoint
CREATE TABLE `customer_phones` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`e164` text NOT NULL,
	`national` text,
	`original` text NOT NULL,
	`kind` text DEFAULT 'mobile' NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "customer_phones_e164_shape" CHECK("customer_phones"."e164" GLOB '+[1-9]*'),
	CONSTRAINT "customer_phones_kind" CHECK("customer_phones"."kind" IN ('mobile', 'home', 'work', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customer_phones_customer_e164` ON `customer_phones` (`customer_id`,`e164`);--> statement-breakpoint
CREATE UNIQUE INDEX `customer_phones_one_primary` ON `customer_phones` (`customer_id`) WHERE is_primary = 1;--> statement-breakpoint
CREATE INDEX `customer_phones_e164` ON `customer_phones` (`e164`);--> statement-breakpoint
CREATE TABLE `customer_tags` (
	`customer_id` text NOT NULL,
	`tag` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	PRIMARY KEY(`customer_id`, `tag`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_tags_tag` ON `customer_tags` (`tag`);--> statement-breakpoint
ALTER TABLE `customers` ADD `given_name` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `family_name` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `preferred_name` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `date_of_birth` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `notes` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `customers` ADD `erased_at` integer;--> statement-breakpoint
ALTER TABLE `customers` ADD `seq` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `customers_seq` ON `customers` (`seq`);--> statement-breakpoint
CREATE INDEX `customers_merged_into` ON `customers` (`merged_into`);--> statement-breakpoint
-- Customers (issue 9), hand-written part: backfill of the seed-era rows, the one-box search
-- index and the triggers that keep it (and customers.email / customers.phone = the primary
-- email / phone) in step inside whatever batch writes a customer, an email, a phone or an
-- address: profiles, merge, import and erasure all get it without calling anything.
UPDATE customers SET seq = rowid WHERE seq IS NULL;
--> statement-breakpoint
UPDATE customers SET
	given_name = CASE WHEN instr(trim(name), ' ') > 0 THEN substr(trim(name), 1, instr(trim(name), ' ') - 1) ELSE trim(name) END,
	family_name = CASE WHEN instr(trim(name), ' ') > 0 THEN trim(substr(trim(name), instr(trim(name), ' ') + 1)) END
WHERE given_name IS NULL AND family_name IS NULL;
--> statement-breakpoint
INSERT INTO customer_emails (id, customer_id, email, original, is_primary, created_at)
SELECT lower(hex(randomblob(16))), id, email, email, 1, created_at FROM customers WHERE email IS NOT NULL;
--> statement-breakpoint
INSERT INTO customer_phones (id, customer_id, e164, national, original, kind, is_primary, created_at)
SELECT lower(hex(randomblob(16))), id, phone, NULL, phone, 'mobile', 1, created_at FROM customers
WHERE phone GLOB '+[1-9]*' AND phone NOT GLOB '*[^0-9+]*';
--> statement-breakpoint
-- One row per live customer (tombstones and erased people are left out), rowid = customers.seq
-- (customers has a text key; its implicit rowid may change on VACUUM, seq never does).
-- unicode61 with diacritics removed: "jose" finds "José"; prefix indexes for 2 and 3 letters
-- keep short prefixes fast. Columns: name words; emails (split at @ and dots); phones as
-- E.164 digits and national digits; postcodes as lower-case letters and digits.
CREATE VIRTUAL TABLE customer_search USING fts5(name, email, phone, postcode, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
-- The words in the index per column: typo-tolerant name search compares the query's words with these.
CREATE VIRTUAL TABLE customer_search_terms USING fts5vocab(customer_search, 'col');
--> statement-breakpoint
INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
	c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
	(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
	(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
	NULL
FROM customers c WHERE c.merged_into IS NULL;
--> statement-breakpoint
CREATE TRIGGER customers_assign_seq AFTER INSERT ON customers WHEN NEW.seq IS NULL
BEGIN
	UPDATE customers SET seq = coalesce((SELECT max(seq) FROM customers), 0) + 1 WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_customer_insert AFTER INSERT ON customers WHEN NEW.seq IS NOT NULL
BEGIN
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = NEW.id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = NEW.id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_customer_update AFTER UPDATE OF name, given_name, family_name, preferred_name, merged_into, erased_at, seq ON customers
BEGIN
	DELETE FROM customer_search WHERE rowid = OLD.seq;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = NEW.id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = NEW.id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_customer_delete AFTER DELETE ON customers
BEGIN
	DELETE FROM customer_search WHERE rowid = OLD.seq;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_email_insert AFTER INSERT ON customer_emails
BEGIN
	UPDATE customers SET email = (SELECT email FROM customer_emails WHERE customer_id = NEW.customer_id AND is_primary = 1) WHERE id = NEW.customer_id;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = NEW.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = NEW.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_email_update AFTER UPDATE ON customer_emails
BEGIN
	UPDATE customers SET email = (SELECT email FROM customer_emails WHERE customer_id = OLD.customer_id AND is_primary = 1) WHERE id = OLD.customer_id;
	UPDATE customers SET email = (SELECT email FROM customer_emails WHERE customer_id = NEW.customer_id AND is_primary = 1) WHERE id = NEW.customer_id;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = OLD.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = OLD.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = NEW.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = NEW.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_email_delete AFTER DELETE ON customer_emails
BEGIN
	UPDATE customers SET email = (SELECT email FROM customer_emails WHERE customer_id = OLD.customer_id AND is_primary = 1) WHERE id = OLD.customer_id;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = OLD.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = OLD.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_phone_insert AFTER INSERT ON customer_phones
BEGIN
	UPDATE customers SET phone = (SELECT e164 FROM customer_phones WHERE customer_id = NEW.customer_id AND is_primary = 1) WHERE id = NEW.customer_id;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = NEW.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = NEW.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_phone_update AFTER UPDATE ON customer_phones
BEGIN
	UPDATE customers SET phone = (SELECT e164 FROM customer_phones WHERE customer_id = OLD.customer_id AND is_primary = 1) WHERE id = OLD.customer_id;
	UPDATE customers SET phone = (SELECT e164 FROM customer_phones WHERE customer_id = NEW.customer_id AND is_primary = 1) WHERE id = NEW.customer_id;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = OLD.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = OLD.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = NEW.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = NEW.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_phone_delete AFTER DELETE ON customer_phones
BEGIN
	UPDATE customers SET phone = (SELECT e164 FROM customer_phones WHERE customer_id = OLD.customer_id AND is_primary = 1) WHERE id = OLD.customer_id;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = OLD.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = OLD.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_address_insert AFTER INSERT ON customer_addresses
BEGIN
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = NEW.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = NEW.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_address_update AFTER UPDATE ON customer_addresses
BEGIN
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = OLD.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = OLD.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = NEW.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = NEW.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER customer_search_address_delete AFTER DELETE ON customer_addresses
BEGIN
	DELETE FROM customer_search WHERE rowid = (SELECT seq FROM customers WHERE id = OLD.customer_id);
	INSERT INTO customer_search (rowid, name, email, phone, postcode) SELECT c.seq,
		c.name || ' ' || coalesce(c.given_name, '') || ' ' || coalesce(c.family_name, '') || ' ' || coalesce(c.preferred_name, ''),
		(SELECT group_concat(e.email, ' ') FROM customer_emails e WHERE e.customer_id = c.id),
		(SELECT group_concat(substr(p.e164, 2) || ' ' || coalesce(p.national, ''), ' ') FROM customer_phones p WHERE p.customer_id = c.id),
		(SELECT group_concat(a.postal_key, ' ') FROM customer_addresses a WHERE a.customer_id = c.id)
	FROM customers c WHERE c.id = OLD.customer_id AND c.seq IS NOT NULL AND c.merged_into IS NULL AND c.erased_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER preconditions_customer INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'customer' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_customer_changed');
END;
--> statement-breakpoint
CREATE TRIGGER target_checks_customer INSTEAD OF INSERT ON target_checks
WHEN NEW.target = 'customer' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_customer');
END;
