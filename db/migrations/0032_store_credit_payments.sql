PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`provider` text NOT NULL,
	`provider_ref` text NOT NULL,
	`payment_intent_ref` text,
	`amount_minor` integer NOT NULL,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`captured_minor` integer DEFAULT 0 NOT NULL,
	`refunded_minor` integer DEFAULT 0 NOT NULL,
	`card_brand` text,
	`card_last4` text,
	`checkout_url` text,
	`expires_at` integer,
	`failure_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_provider_known" CHECK("__new_payments"."provider" IN ('stripe', 'sandbox', 'store_credit')),
	CONSTRAINT "payments_status_known" CHECK("__new_payments"."status" IN ('pending', 'succeeded', 'failed', 'expired', 'refunded', 'partially_refunded')),
	CONSTRAINT "payments_amount_positive" CHECK("__new_payments"."amount_minor" > 0),
	CONSTRAINT "payments_captured_within_amount" CHECK("__new_payments"."captured_minor" >= 0 AND "__new_payments"."captured_minor" <= "__new_payments"."amount_minor"),
	CONSTRAINT "payments_refunded_within_captured" CHECK("__new_payments"."refunded_minor" >= 0 AND "__new_payments"."refunded_minor" <= "__new_payments"."captured_minor"),
	CONSTRAINT "payments_card_last4_digits" CHECK("__new_payments"."card_last4" IS NULL OR (length("__new_payments"."card_last4") = 4 AND "__new_payments"."card_last4" NOT GLOB '*[^0-9]*'))
);
--> statement-breakpoint
INSERT INTO `__new_payments`("id", "order_id", "provider", "provider_ref", "payment_intent_ref", "amount_minor", "currency", "status", "captured_minor", "refunded_minor", "card_brand", "card_last4", "checkout_url", "expires_at", "failure_reason", "version", "created_at", "updated_at") SELECT "id", "order_id", "provider", "provider_ref", "payment_intent_ref", "amount_minor", "currency", "status", "captured_minor", "refunded_minor", "card_brand", "card_last4", "checkout_url", "expires_at", "failure_reason", "version", "created_at", "updated_at" FROM `payments`;--> statement-breakpoint
DROP TABLE `payments`;--> statement-breakpoint
ALTER TABLE `__new_payments` RENAME TO `payments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_ref` ON `payments` (`provider`,`provider_ref`);--> statement-breakpoint
CREATE INDEX `payments_order` ON `payments` (`order_id`);--> statement-breakpoint
CREATE INDEX `payments_intent` ON `payments` (`payment_intent_ref`);--> statement-breakpoint
CREATE TABLE `__new_store_credit_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`amount_minor` integer NOT NULL,
	`kind` text NOT NULL,
	`return_id` text,
	`order_id` text,
	`reverses_id` text,
	`note` text,
	`idempotency_key` text NOT NULL,
	`created_by_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`return_id`) REFERENCES `returns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "store_credit_amount_nonzero" CHECK("__new_store_credit_entries"."amount_minor" <> 0),
	CONSTRAINT "store_credit_kind_known" CHECK("__new_store_credit_entries"."kind" IN ('return', 'claim', 'goodwill', 'keep_item', 'spend', 'reversal', 'refund'))
);
--> statement-breakpoint
INSERT INTO `__new_store_credit_entries`("id", "customer_id", "currency", "amount_minor", "kind", "return_id", "order_id", "reverses_id", "note", "idempotency_key", "created_by_id", "created_at") SELECT "id", "customer_id", "currency", "amount_minor", "kind", "return_id", "order_id", "reverses_id", "note", "idempotency_key", "created_by_id", "created_at" FROM `store_credit_entries`;--> statement-breakpoint
DROP TABLE `store_credit_entries`;--> statement-breakpoint
ALTER TABLE `__new_store_credit_entries` RENAME TO `store_credit_entries`;--> statement-breakpoint
CREATE UNIQUE INDEX `store_credit_entries_reverses_id_unique` ON `store_credit_entries` (`reverses_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `store_credit_entries_idempotency_key_unique` ON `store_credit_entries` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `store_credit_customer` ON `store_credit_entries` (`customer_id`,`currency`,`created_at`);--> statement-breakpoint
CREATE INDEX `store_credit_created` ON `store_credit_entries` (`created_at`,`kind`);--> statement-breakpoint
-- Store credit spent on an order is a payment (provider 'store_credit'); what goes back from
-- it goes back AS CREDIT, at once and in the same batch as the refund row, whatever asked for
-- it (a cancellation, a return, a claim, goodwill, a rep's refund): a new ledger entry of
-- kind 'refund', the refund settled, the payment and the order's payment status moved as
-- refund-payment.ts settle() does for a provider's refund. No provider is ever asked.
CREATE TRIGGER refunds_to_store_credit AFTER INSERT ON refunds
WHEN NEW.status = 'pending'
	AND (SELECT provider FROM payments WHERE id = NEW.payment_id) = 'store_credit'
BEGIN
	INSERT INTO store_credit_entries (id, customer_id, currency, amount_minor, kind, return_id,
		order_id, note, idempotency_key, created_by_id, created_at)
	SELECT lower(hex(randomblob(16))), o.customer_id, p.currency, NEW.amount_minor, 'refund',
		NEW.return_id, NEW.order_id, NEW.reason, 'refund:' || NEW.id,
		CASE WHEN NEW.requested_by_kind = 'user' THEN NEW.requested_by_id END, NEW.created_at
	FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.id = NEW.payment_id;
	UPDATE refunds SET status = 'succeeded', updated_at = NEW.created_at,
		provider_ref = (SELECT id FROM store_credit_entries WHERE idempotency_key = 'refund:' || NEW.id)
	WHERE id = NEW.id;
	UPDATE payments SET refunded_minor = refunded_minor + NEW.amount_minor,
		status = CASE WHEN refunded_minor + NEW.amount_minor >= captured_minor THEN 'refunded'
			ELSE 'partially_refunded' END,
		version = version + 1, updated_at = NEW.created_at
	WHERE id = NEW.payment_id;
	UPDATE orders SET payment_status = CASE
			WHEN EXISTS (SELECT 1 FROM refunds WHERE order_id = orders.id AND status = 'failed') THEN 'refund_failed'
			WHEN NOT EXISTS (SELECT 1 FROM payments WHERE order_id = orders.id AND captured_minor > 0
				AND refunded_minor < captured_minor) THEN 'refunded'
			ELSE 'partially_refunded' END,
		version = version + 1, updated_at = NEW.created_at
	WHERE id = NEW.order_id;
END;
