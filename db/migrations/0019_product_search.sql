DROP INDEX `stock_movements_product_time`;--> statement-breakpoint
CREATE INDEX `stock_movements_product_kind_time` ON `stock_movements` (`product_id`,`kind`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `stock_movements_product_time` ON `stock_movements` (`product_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `products_name` ON `products` (`name`);--> statement-breakpoint
-- Typo-tolerant product search. The trigram index (products_fts) finds any part of a
-- name but knows no words; this second index splits names into words (accents folded)
-- so its vocabulary, product_words_vocab, is the list of words a typo is measured
-- against ("haert" → heart). Kept in step with products by triggers, like products_fts.
CREATE VIRTUAL TABLE product_words USING fts5(
	name,
	content = 'products',
	content_rowid = 'rowid',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE product_words_vocab USING fts5vocab(product_words, 'row');
--> statement-breakpoint
CREATE TRIGGER product_words_insert AFTER INSERT ON products
BEGIN
	INSERT INTO product_words (rowid, name) VALUES (new.rowid, new.name);
END;
--> statement-breakpoint
CREATE TRIGGER product_words_delete AFTER DELETE ON products
BEGIN
	INSERT INTO product_words (product_words, rowid, name) VALUES ('delete', old.rowid, old.name);
END;
--> statement-breakpoint
CREATE TRIGGER product_words_update AFTER UPDATE OF name ON products
BEGIN
	INSERT INTO product_words (product_words, rowid, name) VALUES ('delete', old.rowid, old.name);
	INSERT INTO product_words (rowid, name) VALUES (new.rowid, new.name);
END;
--> statement-breakpoint
INSERT INTO product_words (product_words) VALUES ('rebuild');
