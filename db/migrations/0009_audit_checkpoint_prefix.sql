-- A checkpoint may only close an unbroken run of entries that are ALL older than the
-- retention (PCI DSS 10.5.1), not merely end on an old one: an entry stamped with an odd
-- time (a wrong clock, a back-dated import) must not let a purge take newer entries with
-- it. Replaces the trigger from 0005_audit_log_guards, which checked the last entry only.
DROP TRIGGER audit_checkpoints_valid;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_valid BEFORE INSERT ON audit_checkpoints
WHEN new.through_seq <= (SELECT coalesce(max(through_seq), 0) FROM audit_checkpoints)
	OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = new.through_seq AND hash = new.hash)
	OR EXISTS (
		SELECT 1 FROM audit_log
		WHERE seq <= new.through_seq
			AND at >= CAST(unixepoch('now', printf('-%d months', max(12, coalesce(
				(SELECT json_extract(value, '$') FROM settings WHERE key = 'audit.retention_months'),
				12)))) AS INTEGER) * 1000
	)
BEGIN
	SELECT RAISE(ABORT, 'audit checkpoint must name a sealed entry older than the retention period, with none newer before it');
END;
