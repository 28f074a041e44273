import { expect, test } from '@playwright/test';
import { serviceWorkerControls } from './fixtures';

type ManifestIcon = { src: string; sizes: string; type: string; purpose?: string };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
	expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.describe('installable app', () => {
	test('the manifest describes an installable standalone app with real icons', async ({ page }) => {
		await page.goto('/sign-in');
		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		expect(href).toBeTruthy();
		const response = await page.request.get(new URL(href!, page.url()).href);
		expect(response.ok()).toBe(true);
		const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };

		expect(manifest).toMatchObject({
			name: 'Ordo',
			short_name: 'Ordo',
			// The first page itself, not `/`, which redirects (signed in: to /products).
			start_url: '/products',
			scope: '/',
			display: 'standalone'
		});
		expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
		expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

		const wanted = [
			{ sizes: '192x192', purpose: 'any' },
			{ sizes: '512x512', purpose: 'any' },
			{ sizes: '512x512', purpose: 'maskable' }
		];
		for (const { sizes, purpose } of wanted) {
			const icon = manifest.icons.find(
				(i) => i.sizes === sizes && (i.purpose ?? 'any').split(' ').includes(purpose)
			);
			expect(icon, `${purpose} icon ${sizes}`).toBeDefined();
			const image = await page.request.get(icon!.src);
			expect(image.headers()['content-type']).toContain('image/png');
			const side = Number(sizes.split('x')[0]);
			expect(pngSize(await image.body())).toEqual({ width: side, height: side });
		}
	});

	test('the service worker installs, activates and controls the page', async ({ page }) => {
		await page.goto('/sign-in');
		await serviceWorkerControls(page);
		const state = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			return { state: registration.active?.state, scope: registration.scope };
		});
		expect(state.state).toBe('activated');
		expect(new URL(state.scope).pathname).toBe('/');
	});

	test('API responses are never cached by the service worker', async ({ page }) => {
		await page.goto('/sign-in');
		await serviceWorkerControls(page);
		await page.evaluate(() => fetch('/api/health'));
		const cachedApi = await page.evaluate(async () => {
			const hits: string[] = [];
			for (const name of await caches.keys()) {
				const cache = await caches.open(name);
				for (const request of await cache.keys()) {
					if (new URL(request.url).pathname.startsWith('/api')) hits.push(request.url);
				}
			}
			return hits;
		});
		expect(cachedApi).toEqual([]);
	});
});
