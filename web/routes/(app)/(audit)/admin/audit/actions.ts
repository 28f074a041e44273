// The actions the log records, named for the person filtering (the codes are what the
// API filters by). A code not listed here still works by address (?action=…).
export const ACTION_GROUPS: { label: string; actions: { code: string; label: string }[] }[] = [
	{
		label: 'Signing in',
		actions: [
			{ code: 'auth.*', label: 'Any sign-in activity' },
			{ code: 'auth.sign_in', label: 'Signed in' },
			{ code: 'auth.sign_out', label: 'Signed out' },
			{ code: 'auth.mfa', label: 'Second factor' },
			{ code: 'auth.password_change', label: 'Changed password' },
			{ code: 'auth.session_end', label: 'Ended one of their sessions' },
			{ code: 'mfa.*', label: 'Authenticator set-up' }
		]
	},
	{
		label: 'Staff accounts',
		actions: [
			{ code: 'users.*', label: 'Any staff change' },
			{ code: 'users.create', label: 'Account created' },
			{ code: 'users.role_change', label: 'Role changed' },
			{ code: 'users.disable', label: 'Account disabled' },
			{ code: 'users.enable', label: 'Account enabled' },
			{ code: 'users.mfa_reset', label: 'Authenticator reset' },
			{ code: 'users.sessions_revoke', label: 'Signed out everywhere' },
			{ code: 'users.temporary_password', label: 'Temporary password set' }
		]
	},
	{
		label: 'Refused access',
		actions: [
			{ code: 'access.*', label: 'Any refused request' },
			{ code: 'access.refused', label: 'Refused (first of a window)' },
			{ code: 'access.refused_window', label: 'Refused (window total)' }
		]
	},
	{
		label: 'Other',
		actions: [
			{ code: 'api_keys.*', label: 'API keys' },
			{ code: 'inventory.*', label: 'Stock changes' },
			{ code: 'audit.*', label: 'Audit log viewed or exported' },
			{ code: 'settings.*', label: 'Settings changed' }
		]
	}
];
