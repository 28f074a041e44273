/**
 * The set-up key in groups of four ("JBSW Y3DP …"), the way authenticator apps and
 * people read it back. Spaces are display only: apps ignore them when it is typed.
 */
export function groupSecret(secret: string): string {
	return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/** The recovery codes as a text file a person keeps somewhere safe. */
export function recoveryCodesText({
	email,
	codes,
	at
}: {
	email: string | null;
	codes: readonly string[];
	at: Date;
}): string {
	return [
		`Ordo recovery codes${email ? ` for ${email}` : ''}`,
		`Made ${at.toISOString().slice(0, 10)}. Each code works once, in place of the authenticator code.`,
		'',
		...codes,
		''
	].join('\n');
}

/**
 * Whose authenticator this is, from the otpauth URI's label ("Ordo:sam%40ordo.test").
 * A half-signed-in session cannot ask /api/auth/me, and the URI already says it.
 */
export function accountOf(uri: string): string | null {
	const label = /^otpauth:\/\/totp\/[^?]*:([^?:]+)(?:\?|$)/.exec(uri)?.[1];
	if (!label) return null;
	try {
		return decodeURIComponent(label);
	} catch {
		return null;
	}
}
