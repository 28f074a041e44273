import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { contains, EVIDENCE_JOURNEY, GPS_MARK, withExif } from '../support/evidence-factory';
import { serverApi } from './outbox';
import { RETURNS_REP } from '../support/returns-rep';
import { signIn } from './fixtures';
import { photo } from '../support/evidence-factory';

// Issue 11's evidence at the inspection bench: a phone-sized camera photo (12 MP, over the
// 2 MB limit, with GPS in its EXIF) attached through the form's "Add photo", shrunk on the
// device, shown as a thumbnail served back by the API, and kept on the server (R2, simulated
// by wrangler dev) as a much smaller JPEG without its metadata.

/** The width and height a JPEG's start-of-frame says. */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
	for (let at = 2; at + 9 < bytes.length;) {
		if (bytes[at] !== 0xff) return null;
		const marker = bytes[at + 1]!;
		if (marker >= 0xc0 && marker <= 0xc3)
			return {
				height: (bytes[at + 5]! << 8) | bytes[at + 6]!,
				width: (bytes[at + 7]! << 8) | bytes[at + 8]!
			};
		at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
	}
	return null;
}

test('a photo taken at inspection is shrunk on the device and kept without its GPS', async ({
	page,
	context
}, testInfo) => {
	test.setTimeout(90_000);
	const api = await serverApi(testInfo);
	const found = await api.get(`/api/returns?q=${EVIDENCE_JOURNEY.number}`);
	const ret = ((await found.json()) as { items: { id: string; number: string }[] }).items.find(
		(r) => r.number === EVIDENCE_JOURNEY.number
	)!;
	expect(ret).toBeTruthy();

	// A camera-sized photo: 4032×3024, with texture (so it compresses like a photo of a
	// real scene rather than a flat colour), encoded at high quality as a phone does.
	await page.goto(`/returns/receive/${ret.id}`);
	const base64 = await page.evaluate(`(async () => {
		const c = new OffscreenCanvas(4032, 3024);
		const g = c.getContext('2d');
		const sky = g.createLinearGradient(0, 0, 4032, 3024);
		sky.addColorStop(0, '#8aa'); sky.addColorStop(1, '#543');
		g.fillStyle = sky; g.fillRect(0, 0, 4032, 3024);
		let seed = 7;
		const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		for (let i = 0; i < 60000; i++) {
			g.fillStyle = 'hsl(' + Math.floor(rnd() * 360) + ',40%,' + Math.floor(30 + rnd() * 40) + '%)';
			g.fillRect(rnd() * 4032, rnd() * 3024, 4 + rnd() * 30, 4 + rnd() * 30);
		}
		const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
		const bytes = new Uint8Array(await blob.arrayBuffer());
		let text = '';
		for (let i = 0; i < bytes.length; i += 32768) text += String.fromCharCode(...bytes.subarray(i, i + 32768));
		return btoa(text);
	})()`);
	const original = withExif(new Uint8Array(Buffer.from(base64 as string, 'base64')));
	expect(original.length).toBeGreaterThan(2 * 1024 * 1024); // the server alone would refuse it
	const file = testInfo.outputPath('phone-photo.jpg');
	writeFileSync(file, original);

	const name = EVIDENCE_JOURNEY.name;
	const form = page.getByRole('form', { name: `Inspect ${name}` });
	await form.getByLabel(`Add photo of ${name}`).setInputFiles(file);
	await expect(form.getByTestId('photo-saved')).toContainText(
		/Photo saved: \d+ KB \(from \d\.\d MB\)/,
		{
			timeout: 30_000
		}
	);

	// The thumbnail is the server's copy, loaded through the API (CSP img-src 'self').
	const thumb = page.getByRole('list', { name: `Photos of ${name}` }).getByTestId('evidence-thumb');
	await expect(thumb).toHaveCount(1);
	await thumb.scrollIntoViewIfNeeded();
	await expect
		.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBe(1600);
	await page.screenshot({ path: testInfo.outputPath('inspection-photo.png'), fullPage: true });

	const list = await api.get(`/api/returns/${ret.id}/evidence`);
	const { items } = (await list.json()) as { items: { bytes: number; url: string }[] };
	expect(items).toHaveLength(1);
	const image = await api.get(items[0]!.url);
	expect(image.headers()['content-type']).toBe('image/jpeg');
	expect(image.headers()['cache-control']).toBe('private, no-cache');
	const kept = new Uint8Array(await image.body());
	expect(kept.length).toBe(items[0]!.bytes);
	expect(kept.length).toBeLessThan(original.length / 4);
	expect(jpegSize(kept)).toEqual({ width: 1600, height: 1200 });
	expect(contains(kept, GPS_MARK)).toBe(false);
	expect(contains(kept, 'Exif')).toBe(false);
	testInfo.annotations.push({
		type: 'photo',
		description: `${original.length} bytes taken, ${kept.length} bytes kept`
	});

	// At the bench with no signal: the inspection needs a connection, and so do photos.
	await context.setOffline(true);
	await expect(form.getByTestId('photos-offline')).toBeVisible();
	await expect(form.getByLabel(`Add photo of ${name}`)).toHaveCount(0);
	await page.screenshot({ path: testInfo.outputPath('offline.png') });
	await context.setOffline(false);
	await expect(form.getByLabel(`Add photo of ${name}`)).toHaveCount(1);
});

test('a rep adds a photo to a claim before filing it; it is sent once the claim exists', async ({
	page
}, testInfo) => {
	const { claimOrder, claimSku } = EVIDENCE_JOURNEY;
	await signIn(page, RETURNS_REP);
	await page.goto(`/returns/claims/new?order=${claimOrder}`);
	// Defective: the claims journey's report row counts damaged claims, and runs beside this.
	await page.getByLabel('What happened').selectOption('defective');
	await page.getByLabel(`Units of ${claimSku} to claim`).fill('1');
	const file = testInfo.outputPath('dent.png');
	writeFileSync(file, photo('dent.png'));
	await page.getByLabel('Add photo of the claim').setInputFiles(file);
	// Shrunk and shown on the device, waiting for the claim.
	await expect(page.getByTestId('photo')).toHaveAttribute('data-state', 'ready');
	await page.getByRole('button', { name: 'File claim' }).click();
	await expect(page.getByTestId('claim-filed')).toContainText(/Claim RET-\d+ filed/);
	await expect(page.getByTestId('photo')).toHaveAttribute('data-state', 'sent');
	await page.screenshot({ path: testInfo.outputPath('claim-filed.png') });

	await page.getByRole('link', { name: /^Open RET-/ }).click();
	const thumbs = page
		.getByRole('list', { name: /^Photos of claim RET-/ })
		.getByTestId('evidence-thumb');
	await expect(thumbs).toHaveCount(1);
	await expect
		.poll(() => thumbs.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBe(64);
	await page.screenshot({ path: testInfo.outputPath('claim-page.png'), fullPage: true });
});
