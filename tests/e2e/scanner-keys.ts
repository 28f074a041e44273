import type { Page } from '@playwright/test';

/** The gap a keyboard-wedge scanner leaves between the keys of one code. */
const KEY_GAP_S = 0.005;

/**
 * A hardware scanner's burst, as the browser gets it from the OS: the code's keys and Enter,
 * each stamped with the time the scanner typed it (5 ms apart), delivered to the page
 * whenever it can take them. Playwright's own keyboard stamps a key when the page has handled
 * the one before, so a busy page (a cold start, a render) stretched its gaps and split the
 * burst, a gap no scanner has; the DevTools protocol takes the OS time stamp instead. Shift
 * goes first (the listener ignores it), so the keys arrive once the page is listening.
 */
export async function scanKeys(page: Page, code: string): Promise<void> {
	await page.keyboard.press('Shift');
	const cdp = await page.context().newCDPSession(page);
	try {
		const start = Date.now() / 1000;
		for (const [i, key] of [...code, 'Enter'].entries()) {
			const timestamp = start + i * KEY_GAP_S;
			const enter = key === 'Enter';
			const keyFields = enter
				? { key, code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 }
				: { key };
			await cdp.send('Input.dispatchKeyEvent', {
				type: 'keyDown',
				text: enter ? '\r' : key,
				timestamp,
				...keyFields
			});
			await cdp.send('Input.dispatchKeyEvent', {
				type: 'keyUp',
				timestamp: timestamp + KEY_GAP_S / 2,
				...keyFields
			});
		}
	} finally {
		await cdp.detach();
	}
}
