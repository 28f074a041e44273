-- Decide, then write for returns (issue 11): expectVersion(ctx, 'return', id, version) and
-- 'return_shipment' go first in a batch that moves a return's lines or its inbound parcel;
-- a snapshot that moved since it was read aborts the batch (a 409 saying what changed).
CREATE TRIGGER IF NOT EXISTS preconditions_return INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'return' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_return_changed');
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS preconditions_return_shipment INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'return_shipment' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_return_shipment_changed');
END;
