-- Receiving and inspecting returns (issue 11): decide-then-write preconditions for a
-- return and a received unit (worker/core/preconditions.ts), as for orders and counts.
-- IF NOT EXISTS: the authorising branch may add the same 'return' guard; whichever
-- migration runs first creates it and the other leaves it as it is (same name, same raise).
CREATE TRIGGER IF NOT EXISTS preconditions_return INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'return' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_return_changed');
END;
--> statement-breakpoint
CREATE TRIGGER preconditions_return_unit INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'return_unit' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_return_unit_changed');
END;
