import type { Faker } from '@faker-js/faker';
import type { ORDER_STATUSES } from '../../db/schema/orders';
import type { SeedOrder } from './orders';

export type OrderStatus = (typeof ORDER_STATUSES)[number];

// Where an order stands follows its age: the oldest have arrived, most are on their way,
// the newest are still in the warehouse, and a few wait for payment or a person's decision.
const DELIVERED_UP_TO = 0.4;
const SHIPPED_UP_TO = 0.85;
const RECENT: { weight: number; value: OrderStatus }[] = [
	{ weight: 25, value: 'paid' },
	{ weight: 25, value: 'allocated' },
	{ weight: 15, value: 'picked' },
	{ weight: 15, value: 'packed' },
	{ weight: 10, value: 'pending_payment' },
	{ weight: 10, value: 'on_hold' }
];

/** Statuses where stock is set aside for the order in the warehouse but has not left. */
export const RESERVING: ReadonlySet<OrderStatus> = new Set(['allocated', 'picked', 'packed']);

/** A status per order number; `orders` must be sorted oldest first. */
export function assignStatuses(
	orders: readonly SeedOrder[],
	faker: Faker
): Map<string, OrderStatus> {
	const live = orders.filter((o) => !o.cancelled);
	const statuses = new Map<string, OrderStatus>();
	live.forEach((order, rank) => {
		const age = rank / live.length;
		const status =
			age < DELIVERED_UP_TO
				? 'delivered'
				: age < SHIPPED_UP_TO
					? 'shipped'
					: faker.helpers.weightedArrayElement(RECENT);
		statuses.set(order.number, status);
	});
	for (const order of orders) if (order.cancelled) statuses.set(order.number, 'cancelled');
	return statuses;
}
