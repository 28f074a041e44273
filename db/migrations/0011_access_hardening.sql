CREATE TABLE `access_refusals` (
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`route` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	`previous_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`kind`, `subject`, `route`)
);
--> statement-breakpoint
CREATE INDEX `access_refusals_window` ON `access_refusals` (`window_start`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `device` text;--> statement-breakpoint
ALTER TABLE `users` ADD `failed_mfa` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `password_change_required` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- A person ends one of their own sessions: a reference that matches none of theirs is a
-- 404 from inside the batch (see worker/features/auth/end-session.ts), like users' checks.
CREATE TRIGGER target_checks_session INSTEAD OF INSERT ON target_checks
WHEN NEW.target = 'session' AND NOT NEW.found
BEGIN
	SELECT RAISE(ABORT, 'target_missing_session');
END;
