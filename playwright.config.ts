import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM } from './tests/support/chromium';
import { WAREHOUSE_STATE } from './tests/e2e/auth-state';

const port = Number(process.env.E2E_PORT ?? 4317);
const baseURL = `http://localhost:${port}`;
// The tests run the built worker, so they build it first, unless the caller just did
// (E2E_SKIP_BUILD=1, e.g. after `npm run test:edge` in `npm test`).
const build = process.env.E2E_SKIP_BUILD ? '' : 'npm run build && ';

/**
 * Journeys in Chromium at phone and tablet sizes (DESIGN §8), against the built
 * worker in workerd (tests/support/e2e-server.ts).
 * localhost counts as a secure origin, so the __Host- session cookie and the
 * service worker behave as they do over HTTPS.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.spec.ts',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	timeout: 30_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			// Playwright cannot download its own browser here; Debian's is used instead.
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	projects: [
		{ name: 'setup', testMatch: '**/*.setup.ts' },
		{
			name: 'phone',
			dependencies: ['setup'],
			// The phone-order journey is a rep's tablet with a picker's phone inside it; the
			// customer journeys and the order import are a rep's and a manager's at the tablet, and the merge journey
			// changes shared demo profiles, so it runs once.
			testIgnore: [
				'**/phone-order.spec.ts',
				'**/phone-order-scan.spec.ts',
				'**/customers.spec.ts',
				'**/customer-merge.spec.ts',
				'**/order-import.spec.ts',
				// Outbound webhooks are an admin's tablet screen.
				'**/webhooks.spec.ts',
				// A manager's tablet page (issue 8, product and stock files).
				'**/inventory-files.spec.ts',
				// A manager's reorder screens are tablet pages.
				'**/reorder.spec.ts',
				// Setting suppliers up is the same manager's tablet work.
				'**/suppliers.spec.ts',
				// A rep files a claim at the tablet (issue 11); its seeded order is claimed once.
				'**/returns-claims.spec.ts',
				// A rep authorises a return at the tablet; its seeded order is returned once.
				'**/returns-authorise.spec.ts',
				// Issue 11's journeys: the rep's tablet, with the warehouse phone opened inside the
				// first; each seeded order is returned once.
				'**/returns-journey.spec.ts',
				'**/returns-exchange.spec.ts',
				// A rep spends a customer's store credit on a phone order at the tablet, once.
				'**/phone-order-credit.spec.ts',
				// Evidence photos at the inspection bench's tablet and the rep's claim form; the
				// seeded unit gets one photo and the seeded order one claim, so it runs once.
				'**/returns-evidence.spec.ts'
			],
			use: {
				storageState: WAREHOUSE_STATE,
				...devices['Pixel 5'],
				browserName: 'chromium',
				viewport: { width: 360, height: 740 },
				isMobile: true,
				hasTouch: true
			}
		},
		{
			name: 'tablet',
			dependencies: ['setup'],
			// The offline outbox and scanner journeys are a picker's phone (the count one opens
			// a manager's tablet context inside it).
			testIgnore: [
				'**/outbox.spec.ts',
				'**/count-offline.spec.ts',
				'**/scanner.spec.ts',
				// Receiving returns is a phone at the bench (issue 11).
				'**/returns-receive.spec.ts'
			],
			use: {
				storageState: WAREHOUSE_STATE,
				browserName: 'chromium',
				viewport: { width: 1024, height: 768 },
				hasTouch: true
			}
		}
	],
	webServer: {
		command: `${build}npx tsx tests/support/e2e-server.ts`,
		url: `${baseURL}/api/health`,
		env: { E2E_PORT: String(port) },
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
	}
});
