import type { client } from '$lib/api';
import type { InferResponseType } from 'hono/client';

export type OrderPage = InferResponseType<(typeof client.orders)['$get'], 200>;
export type OrderSummary = OrderPage['items'][number];
export type OrderDetail = InferResponseType<(typeof client.orders)[':id']['$get'], 200>;
export type OrderStatus = OrderSummary['status'];

export const STATUS_LABELS: Record<OrderStatus, string> = {
	pending_payment: 'Awaiting payment',
	paid: 'Paid',
	allocated: 'Allocated',
	picking: 'Picking',
	picked: 'Picked',
	packed: 'Packed',
	shipped: 'Shipped',
	delivered: 'Delivered',
	on_hold: 'On hold',
	cancelled: 'Cancelled'
};

/** An order, payment, fulfilment or shipment status as a person reads it ("partially refunded"). */
export function statusLabel(status: string): string {
	const label = STATUS_LABELS[status as OrderStatus] ?? status.replaceAll('_', ' ');
	return label.charAt(0).toUpperCase() + label.slice(1);
}
