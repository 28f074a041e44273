import { client } from '$lib/api';
import { request } from '$lib/request';
import type { InferResponseType } from 'hono/client';

export type Customer = InferResponseType<typeof client.customers.$get, 200>['items'][number];
export type Product = InferResponseType<
	typeof client.inventory.products.$get,
	200
>['items'][number];
type ProductDetail = InferResponseType<(typeof client.inventory.products)[':id']['$get'], 200>;
export type LocationStock = ProductDetail['stock'][number];

export type Line = {
	product: Product;
	stock: LocationStock[];
	locationId: string;
	quantity: number;
};

export const SHIPPING_METHODS = [
	{ method: 'Royal Mail 2nd class', amountMinor: 295 },
	{ method: 'Royal Mail 1st class', amountMinor: 395 },
	{ method: 'Courier next day', amountMinor: 695 },
	{ method: 'Collect in store', amountMinor: 0 }
] as const;

/** The phone order being taken: one per visit to the page, with one Idempotency-Key. */
export class PhoneOrder {
	/** Sent with the order: a double tap, or a retry after a dropped answer, places it once. */
	readonly idempotencyKey = crypto.randomUUID();
	customer = $state<Customer | null>(null);
	lines = $state<Line[]>([]);
	shippingMethod = $state<string>(SHIPPING_METHODS[0].method);
	shippingMinor = $state<number>(SHIPPING_METHODS[0].amountMinor);
	address = $state({
		name: '',
		line1: '',
		line2: '',
		city: '',
		postcode: '',
		country: 'GB',
		phone: ''
	});
	notes = $state('');
	/** The chosen customer's store credit in the order's currency (null: not known). */
	creditBalanceMinor = $state<number | null>(null);
	/** How much of it pays this order (issue 11); the rest goes to the payment link. */
	creditMinor = $state(0);

	chooseCustomer(customer: Customer): void {
		this.customer = customer;
		this.creditBalanceMinor = null;
		this.creditMinor = 0;
		void this.loadCredit(customer.id);
		if (!this.address.name) this.address.name = customer.name;
		if (!this.address.phone && customer.phone) this.address.phone = customer.phone;
		if (customer.country && /^[A-Z]{2}$/.test(customer.country))
			this.address.country = customer.country;
	}

	/** The balance a rep can offer; someone without returns.read simply sees none. */
	async loadCredit(customerId: string): Promise<void> {
		try {
			const credit = await request(
				client.customers[':id']['store-credit'].$get({ param: { id: customerId } })
			);
			if (this.customer?.id !== customerId) return;
			this.creditBalanceMinor =
				credit.balances.find((b) => b.currency === this.currency)?.balanceMinor ?? 0;
		} catch {
			this.creditBalanceMinor = null;
		}
	}

	readonly currency = 'GBP';

	get totalMinor(): number {
		return this.subtotalMinor + this.shippingMinor;
	}

	/** The most credit this order can take: the balance, up to the total. */
	get creditLimitMinor(): number {
		return Math.max(0, Math.min(this.creditBalanceMinor ?? 0, this.totalMinor));
	}

	/** What is sent: never above the limit (the total may have dropped since it was typed). */
	get creditToUseMinor(): number {
		return Math.max(0, Math.min(Math.round(this.creditMinor), this.creditLimitMinor));
	}

	/** Adds one more of a product (a second scan adds to its line), with stock per location. */
	async add(product: Product): Promise<void> {
		const existing = this.lines.find((l) => l.product.id === product.id);
		if (existing) {
			existing.quantity += 1;
			return;
		}
		const detail = await request(
			client.inventory.products[':id'].$get({ param: { id: product.id } })
		);
		const best = [...detail.stock].sort((a, b) => b.available - a.available)[0];
		this.lines.push({
			product,
			stock: detail.stock,
			locationId: best?.locationId ?? '',
			quantity: 1
		});
	}

	remove(productId: string): void {
		this.lines = this.lines.filter((l) => l.product.id !== productId);
	}

	chooseShipping(method: string): void {
		this.shippingMethod = method;
		const known = SHIPPING_METHODS.find((m) => m.method === method);
		if (known) this.shippingMinor = known.amountMinor;
	}

	get subtotalMinor(): number {
		return this.lines.reduce((n, l) => n + l.product.priceMinor * l.quantity, 0);
	}

	body() {
		const a = this.address;
		const hasAddress = a.line1.trim() !== '';
		return {
			customerId: this.customer?.id ?? null,
			lines: this.lines.map((l) => ({
				productId: l.product.id,
				locationId: l.locationId,
				quantity: l.quantity
			})),
			shipping: { method: this.shippingMethod, amountMinor: this.shippingMinor },
			shippingAddress: hasAddress
				? {
						name: a.name.trim(),
						line1: a.line1.trim(),
						line2: a.line2.trim() || undefined,
						city: a.city.trim(),
						postcode: a.postcode.trim(),
						country: a.country.trim().toUpperCase(),
						phone: a.phone.trim() || undefined
					}
				: undefined,
			notes: this.notes.trim() || undefined,
			storeCreditMinor: this.creditToUseMinor > 0 ? this.creditToUseMinor : undefined
		};
	}

	async place(): Promise<{ id: string }> {
		return request(
			client.orders.$post(
				{ json: this.body() },
				{ headers: { 'Idempotency-Key': this.idempotencyKey } }
			)
		);
	}
}
