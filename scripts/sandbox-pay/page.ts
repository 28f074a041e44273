import type { Session } from './state';

// The hosted payment page: plain HTML, no script, its own CSP. A form may post only to
// this origin and be redirected only to the shop's return pages. No card field: the
// sandbox offers two named test cards to choose from, as radio buttons.

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function origin(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return '';
	}
}

export function pageHeaders(session: Session): Record<string, string> {
	const back = [...new Set([origin(session.success_url), origin(session.cancel_url)])].join(' ');
	return {
		'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${back}; frame-ancestors 'none'; base-uri 'none'`,
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'no-referrer',
		'cache-control': 'no-store'
	};
}

export function hostedPage(session: Session): { html: string; headers: Record<string, string> } {
	const amount = `${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}`;
	const reference = escape(session.client_reference_id ?? session.id);
	const open = session.status === 'open';
	const body = open
		? `<form method="post">
	<fieldset><legend>Test card</legend>
		<label><input type="radio" name="card" value="visa" checked> Visa ending 4242</label>
		<label><input type="radio" name="card" value="mastercard_refunds_fail"> Mastercard ending 4444 (refunds fail)</label>
	</fieldset>
	<button name="action" value="pay">Pay ${escape(amount)}</button>
	<button name="action" value="fail">Fail</button>
	<button name="action" value="abandon">Abandon</button>
</form>`
		: `<p role="status">This checkout is ${session.status === 'complete' ? 'already paid or failed' : 'expired'}.</p>`;
	const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox pay · ${reference}</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
fieldset{margin:1rem 0;display:grid;gap:.5rem}button{font:inherit;padding:.6rem 1rem;margin:.25rem .25rem 0 0}</style>
</head><body>
<h1>Sandbox pay</h1>
<p>Order <strong>${reference}</strong>: <strong>${escape(amount)}</strong></p>
${body}
<p><small>A test payment page. No real card is charged and none is asked for.</small></p>
</body></html>`;
	return { html, headers: pageHeaders(session) };
}
