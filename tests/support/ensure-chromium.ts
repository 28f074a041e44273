/**
 * Run by `npm run test:e2e` before Playwright. Playwright cannot download its own
 * browser here, so the tests use the distribution's Chromium (playwright.config.ts).
 * Installs it when we may (root with apt-get); otherwise says how to get one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './chromium';

function hasAptGet(): boolean {
	try {
		execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

function ensureChromium(): number {
	if (existsSync(CHROMIUM)) return 0;
	if (process.getuid?.() === 0 && hasAptGet()) {
		console.log(`${CHROMIUM} is missing: installing Debian's chromium package…`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
		execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
		if (existsSync(CHROMIUM)) return 0;
	}
	console.error(
		[
			`The browser tests need Chromium at ${CHROMIUM}.`,
			'Install it with your package manager, e.g. `sudo apt-get install chromium` on Debian',
			'or Ubuntu, then run `npm run test:e2e` again.'
		].join('\n')
	);
	return 1;
}

process.exitCode = ensureChromium();
