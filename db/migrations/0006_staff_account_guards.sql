-- Ordo always keeps one active admin: without one nobody can manage accounts, roles or
-- keys (PCI DSS 7.2, 8.2). A trigger, not a check in code, so the refusal happens inside
-- the batch that would break the rule and two admins demoting or disabling each other at
-- the same moment cannot both succeed. Locked accounts still count: a lockout ends.
CREATE TRIGGER users_keep_an_active_admin
BEFORE UPDATE OF role, disabled_at ON users
WHEN OLD.role = 'admin' AND OLD.disabled_at IS NULL
	AND (NEW.role <> 'admin' OR NEW.disabled_at IS NOT NULL)
	AND NOT EXISTS (
		SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> OLD.id
	)
BEGIN
	SELECT RAISE(ABORT, 'users_last_active_admin');
END;
--> statement-breakpoint
-- "The thing you act on must exist", checked inside a mutation's one batch: inserting
-- (target, found = 0) aborts the batch, which the API answers with a 404. An UPDATE of a
-- missing id would otherwise change nothing and report success, and reading first would
-- cost a round trip and race the write. The view never holds rows.
CREATE VIEW target_checks (target, found) AS SELECT NULL, NULL WHERE 0;
--> statement-breakpoint
CREATE TRIGGER target_checks_user INSTEAD OF INSERT ON target_checks
WHEN NEW.target = 'user' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_user');
END;
--> statement-breakpoint
CREATE TRIGGER target_checks_api_key INSTEAD OF INSERT ON target_checks
WHEN NEW.target = 'api_key' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_api_key');
END;
