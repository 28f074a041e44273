ALTER TABLE `stock_levels` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- The `stock_level` precondition (a level still at the version read) is migration counts'
-- preconditions_stock_level: the same trigger, written once.
-- Every change of on_hand or reserved bumps the level's version, whoever writes it (the
-- ledger builders, orders, counts, transfers, a seed): an external inventory system sets an
-- absolute level only "if it is still version N", and no writer has to remember to bump it.
-- A write that leaves both numbers as they were is not a change and keeps the version.
CREATE TRIGGER stock_levels_version AFTER UPDATE OF on_hand, reserved ON stock_levels
WHEN NEW.version = OLD.version
	AND (NEW.on_hand IS NOT OLD.on_hand OR NEW.reserved IS NOT OLD.reserved)
BEGIN
	UPDATE stock_levels SET version = OLD.version + 1
	WHERE product_id = NEW.product_id AND location_id = NEW.location_id;
END;
