-- A TOTP code is accepted once (RFC 6238 5.2): the accepted time step only moves
-- forward, so two requests racing with the same code cannot both sign in.
CREATE TRIGGER users_totp_step_forward BEFORE UPDATE OF totp_last_step ON users
WHEN old.totp_last_step IS NOT NULL AND new.totp_last_step IS NOT NULL
	AND new.totp_last_step <= old.totp_last_step
	AND old.totp_secret IS new.totp_secret
BEGIN
	SELECT RAISE(ABORT, 'totp code already used');
END;
