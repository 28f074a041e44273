import { customerSearch } from './customer-scenarios';
import { productDetail, productSearch } from './inventory-scenarios';
import { orderDetail, orderSearch } from './order-scenarios';
import { productSearchTypos } from './inventory-search-scenarios';
import type { Scenario } from './scenario';
import { stockRead } from './stock-read-scenarios';

/**
 * Everything `npm run bench` measures. A feature adds its hot reads here: write a
 * `defineScenario` in `bench/<feature>-scenarios.ts` and append it. Each is measured
 * through HTTP, against its verb (the ceiling) and as the raw SQL the verb sent, and
 * its SQL's query plans are checked for scans of the large tables.
 */
export const scenarios: Scenario[] = [
	productSearch,
	productDetail,
	productSearchTypos,
	customerSearch,
	orderSearch,
	orderDetail,
	stockRead
];
