import { Invalid } from '../../core/errors';

// Pricing an order is a pure decision (decide, then write): each product line's value,
// its own discount, its share of the order's discount, tax on what is left, and the net
// the customer pays for it. Shares are split by value with the remainder going to the
// largest lines first, so line nets always add up to the order's total exactly.

export type PricedInput = {
	lines: { unitPriceMinor: number; quantity: number; discountMinor: number }[];
	orderDiscountMinor: number;
	shippingMinor: number;
	taxRateBps: number;
};

export type PricedLine = { discountMinor: number; taxMinor: number; netMinor: number };

export type Priced = {
	lines: PricedLine[];
	subtotalMinor: number;
	discountMinor: number;
	taxMinor: number;
	shippingMinor: number;
	totalMinor: number;
};

export function priceOrder(input: PricedInput): Priced {
	const gross = input.lines.map((l) => l.unitPriceMinor * l.quantity);
	input.lines.forEach((l, i) => {
		if (l.discountMinor > gross[i]!)
			throw new Invalid('discount-too-large', 'A discount is larger than its line', undefined, {
				[`lines.${i}.discountMinor`]: [`At most ${gross[i]} for this line`]
			});
	});
	const afterLine = gross.map((g, i) => g - input.lines[i]!.discountMinor);
	const base = afterLine.reduce((a, b) => a + b, 0);
	if (input.orderDiscountMinor > base)
		throw new Invalid(
			'discount-too-large',
			'The order discount is larger than the order',
			undefined,
			{
				discountMinor: [`At most ${base}`]
			}
		);
	const shares = afterLine.map((v) =>
		base === 0 ? 0 : Math.floor((v * input.orderDiscountMinor) / base)
	);
	let left = input.orderDiscountMinor - shares.reduce((a, b) => a + b, 0);
	const byValue = afterLine.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
	for (let k = 0; left > 0; k = (k + 1) % byValue.length) {
		const i = byValue[k]![1];
		if (afterLine[i]! - shares[i]! > 0) {
			shares[i]! += 1;
			left -= 1;
		}
	}
	const lines = afterLine.map((v, i) => {
		const taxable = v - shares[i]!;
		const taxMinor = Math.round((taxable * input.taxRateBps) / 10_000);
		return {
			discountMinor: input.lines[i]!.discountMinor + shares[i]!,
			taxMinor,
			netMinor: taxable + taxMinor
		};
	});
	const subtotalMinor = gross.reduce((a, b) => a + b, 0);
	const discountMinor = lines.reduce((a, l) => a + l.discountMinor, 0);
	const taxMinor = lines.reduce((a, l) => a + l.taxMinor, 0);
	return {
		lines,
		subtotalMinor,
		discountMinor,
		taxMinor,
		shippingMinor: input.shippingMinor,
		totalMinor: subtotalMinor - discountMinor + taxMinor + input.shippingMinor
	};
}
