import { describe, expect, it } from 'vitest';
import { checkEndpointUrl } from './endpoint-url';

const prod = { allowPrivate: false };
const dev = { allowPrivate: true };

describe('checkEndpointUrl (happy)', () => {
	it('takes a public https address and normalises it', () => {
		expect(checkEndpointUrl('https://Shop.Example.com/hooks?x=1', prod)).toEqual({
			ok: true,
			url: 'https://shop.example.com/hooks?x=1'
		});
	});

	it('takes http://localhost and 127.0.0.1 only with the dev flag', () => {
		expect(checkEndpointUrl('http://localhost:4000/h', dev).ok).toBe(true);
		expect(checkEndpointUrl('http://127.0.0.1:4000/h', dev).ok).toBe(true);
		expect(checkEndpointUrl('http://localhost:4000/h', prod).ok).toBe(false);
	});
});

describe('checkEndpointUrl (security: SSRF)', () => {
	it.each([
		'https://127.0.0.1/',
		'https://10.1.2.3/',
		'https://172.20.0.1/',
		'https://192.168.1.1/',
		'https://169.254.169.254/latest/meta-data',
		'https://[::1]/',
		'https://[fd00::1]/',
		'https://[::ffff:127.0.0.1]/',
		'https://metadata.google.internal/',
		'https://printer.local/',
		'https://intranet/'
	])('refuses %s in production', (url) => {
		expect(checkEndpointUrl(url, prod).ok).toBe(false);
	});

	it('refuses http to a public host even with the dev flag, credentials and other schemes', () => {
		expect(checkEndpointUrl('http://shop.example.com/', dev).ok).toBe(false);
		expect(checkEndpointUrl('https://u:p@shop.example.com/', prod).ok).toBe(false);
		expect(checkEndpointUrl('ftp://shop.example.com/', prod).ok).toBe(false);
		expect(checkEndpointUrl('not a url', prod).ok).toBe(false);
	});
});
