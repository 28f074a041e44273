-- The stock ledger is append-only: history is never edited (DESIGN §3).
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN
	SELECT RAISE(ABORT, 'stock_movements is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN
	SELECT RAISE(ABORT, 'stock_movements is append-only');
END;
--> statement-breakpoint
-- Product search by any part of a name or SKU: an FTS5 trigram index kept in step
-- with products by triggers, so a search is one indexed query, never a LIKE scan.
CREATE VIRTUAL TABLE products_fts USING fts5(
	sku,
	name,
	content = 'products',
	content_rowid = 'rowid',
	tokenize = 'trigram'
);
--> statement-breakpoint
CREATE TRIGGER products_fts_insert AFTER INSERT ON products
BEGIN
	INSERT INTO products_fts (rowid, sku, name) VALUES (new.rowid, new.sku, new.name);
END;
--> statement-breakpoint
CREATE TRIGGER products_fts_delete AFTER DELETE ON products
BEGIN
	INSERT INTO products_fts (products_fts, rowid, sku, name) VALUES ('delete', old.rowid, old.sku, old.name);
END;
--> statement-breakpoint
CREATE TRIGGER products_fts_update AFTER UPDATE OF sku, name ON products
BEGIN
	INSERT INTO products_fts (products_fts, rowid, sku, name) VALUES ('delete', old.rowid, old.sku, old.name);
	INSERT INTO products_fts (rowid, sku, name) VALUES (new.rowid, new.sku, new.name);
END;
