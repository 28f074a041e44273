import { buildCustomers, type SeedCustomer } from './customers';
import { buildNearDuplicates, splitOrdersToDuplicates } from './near-duplicates';
import { assignStatuses, RESERVING, type OrderStatus } from './order-status';
import { buildOrders, type SeedOrder } from './orders';
import { buildProducts, type SeedProduct } from './products';
import { seededFaker } from './random';
import type { RetailLine } from './read-csv';
import {
	buildLocations,
	buildStock,
	type SeedLevel,
	type SeedLocation,
	type SeedMovement
} from './stock';

export type Shop = {
	products: SeedProduct[];
	locations: SeedLocation[];
	levels: SeedLevel[];
	movements: SeedMovement[];
	customers: SeedCustomer[];
	orders: (SeedOrder & { status: OrderStatus; customerId: string | null })[];
};

/** The whole demo shop from the CSV's lines, in memory, the same on every run. */
export function buildShop(lines: readonly RetailLine[]): Shop {
	const faker = seededFaker();
	const products = buildProducts(lines, faker);
	const locations = buildLocations(faker);
	const real = buildCustomers(lines, faker);
	const duplicates = buildNearDuplicates(real, faker);
	const orders = buildOrders(lines, products, faker);
	splitOrdersToDuplicates(orders, duplicates, real);
	const customers = [...real, ...duplicates.map(({ duplicateOf: _, ...c }) => c)];
	const statuses = assignStatuses(orders, faker);
	const idOf = new Map(customers.map((c) => [c.number, c.id]));
	const placed = orders.map((o) => ({
		...o,
		status: statuses.get(o.number)!,
		customerId: o.customerNumber ? (idOf.get(o.customerNumber) ?? null) : null
	}));
	const reservations = placed
		.filter((o) => RESERVING.has(o.status))
		.flatMap((o) =>
			o.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, orderNumber: o.number }))
		);
	const { levels, movements } = buildStock(products, locations, reservations, faker);
	return { products, locations, levels, movements, customers, orders: placed };
}
