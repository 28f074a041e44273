-- The audit log is append-only (PCI DSS 10.3.2: protect audit records from modification).
-- The database enforces it, so no code path, script or console session can quietly edit
-- history. Entries arrive unsealed (hash NULL) in the batch of the action they record;
-- the sealer (worker/features/audit/seal-audit-log.ts) chains them afterwards, because
-- SQLite has no SHA-256 and hashing in JavaScript first would be read-then-write.
CREATE TRIGGER audit_log_insert_unsealed BEFORE INSERT ON audit_log
WHEN new.hash IS NOT NULL OR new.prev_hash IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'audit_log entries are appended unsealed; only the sealer chains them');
END;
--> statement-breakpoint
-- An entry goes at the end of the chain. AUTOINCREMENT never hands out an old number, so
-- this only refuses an explicit seq slipped into a gap or behind a purge checkpoint.
CREATE TRIGGER audit_log_insert_at_end AFTER INSERT ON audit_log
WHEN new.seq < (SELECT max(seq) FROM audit_log)
	OR new.seq <= (SELECT coalesce(max(through_seq), 0) FROM audit_checkpoints)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: entries go at the end');
END;
--> statement-breakpoint
-- The one UPDATE allowed is sealing: prev_hash and hash going from NULL to a value, once.
CREATE TRIGGER audit_log_seal_once BEFORE UPDATE ON audit_log
WHEN NOT (
	old.hash IS NULL AND old.prev_hash IS NULL AND new.hash IS NOT NULL AND new.prev_hash IS NOT NULL
)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: an entry can only be sealed, once');
END;
--> statement-breakpoint
-- ...and sealing may not carry any other change with it.
CREATE TRIGGER audit_log_fields_fixed BEFORE UPDATE OF
	seq, at, actor_type, actor_id, action, outcome, target_type, target_id, ip, user_agent,
	request_id, details
ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Retention (PCI DSS 10.5.1) is the only way out, and only behind a checkpoint: a purge
-- first appends an audit_checkpoints row naming the last entry it removes and that
-- entry's hash (the trigger below checks both, and that the entry is older than the
-- retention period), then deletes seq <= that checkpoint. Verification starts from the
-- checkpoint's hash, so the entries kept still form a chain that proves they are whole.
-- Unsealed entries and anything newer than the newest checkpoint can never be deleted.
CREATE TRIGGER audit_log_delete_only_purged BEFORE DELETE ON audit_log
WHEN old.hash IS NULL
	OR NOT EXISTS (SELECT 1 FROM audit_checkpoints WHERE through_seq >= old.seq)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: only a retention purge behind a checkpoint removes entries');
END;
--> statement-breakpoint
-- A checkpoint must move forward, name a real sealed entry with its true hash, and that
-- entry must be older than the retention period: `audit.retention_months` from settings,
-- never less than PCI DSS 10.5.1's 12 months whatever the setting says. The database's own
-- clock decides, so a caller cannot claim a later "now".
CREATE TRIGGER audit_checkpoints_valid BEFORE INSERT ON audit_checkpoints
WHEN new.through_seq <= (SELECT coalesce(max(through_seq), 0) FROM audit_checkpoints)
	OR NOT EXISTS (
		SELECT 1 FROM audit_log
		WHERE seq = new.through_seq AND hash = new.hash
			AND at < CAST(unixepoch('now', printf('-%d months', max(12, coalesce(
				(SELECT json_extract(value, '$') FROM settings WHERE key = 'audit.retention_months'),
				12)))) AS INTEGER) * 1000
	)
BEGIN
	SELECT RAISE(ABORT, 'audit checkpoint must name a sealed entry older than the retention period');
END;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints is append-only');
END;
