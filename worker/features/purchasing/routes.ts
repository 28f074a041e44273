import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { createSupplier } from './create-supplier';
import { draftPurchaseOrders } from './draft-purchase-orders';
import { getPurchaseOrder } from './get-purchase-order';
import { getSupplier } from './get-supplier';
import { countAlerts, listAlerts } from './list-alerts';
import { listPurchaseOrders } from './list-purchase-orders';
import { listSuppliers } from './list-suppliers';
import { movePurchaseOrder } from './move-purchase-order';
import { receivePurchaseOrder } from './receive-purchase-order';
import { reorderProposal } from './reorder-proposal';
import {
	AlertCount,
	AlertList,
	CreateSupplier,
	DraftPurchaseOrders,
	DraftResult,
	IdParams,
	LevelParams,
	ListAlerts,
	ListPurchaseOrders,
	MovePurchaseOrder,
	PurchaseOrder,
	PurchaseOrderDetail,
	PurchaseOrderList,
	ReceivePurchaseOrder,
	ReorderLevel,
	ReorderProposal,
	ReorderQuery,
	SetReorderPoint,
	SetSupplierItem,
	SuggestQuery,
	Suggestion,
	Supplier,
	SupplierDetail,
	SupplierItem,
	SupplierItemParams,
	SupplierList
} from './schemas';
import { setReorderPoint } from './set-reorder-point';
import { setSupplierItem } from './set-supplier-item';
import { suggestPoint } from './suggest-reorder-point';
import type { PurchaseOrderMove } from './lifecycle';

const tags = ['purchasing'];

function moveRoute(move: PurchaseOrderMove, summary: string) {
	return [
		permit('purchasing.manage'),
		doc({ summary, tags, response: PurchaseOrder }),
		input('param', IdParams),
		input('json', MovePurchaseOrder)
	] as const;
}

// Low stock and reordering (issue 8): docs/architecture.md "Reordering (issue 8)".
export const purchasingRoutes = new Hono<AppEnv>()
	.get(
		'/alerts',
		permit('inventory.read'),
		doc({
			summary: 'Open low-stock alerts, newest first, with the open count',
			tags,
			response: AlertList
		}),
		input('query', ListAlerts),
		async (c) => c.json(await listAlerts({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.get(
		'/alerts/count',
		permit('inventory.read'),
		doc({
			summary: 'How many low-stock alerts are open (the nav badge)',
			tags,
			response: AlertCount
		}),
		async (c) => c.json(await countAlerts({ ctx: getCtx(c) }))
	)
	.put(
		'/reorder-points/:productId/:locationId',
		permit('purchasing.manage'),
		doc({
			summary: "Set or clear a product's reorder point and quantity at a location",
			tags,
			response: ReorderLevel
		}),
		input('param', LevelParams),
		input('json', SetReorderPoint),
		async (c) => {
			const { productId, locationId } = c.req.valid('param');
			return c.json(
				await setReorderPoint({ ctx: getCtx(c), productId, locationId, input: c.req.valid('json') })
			);
		}
	)
	.get(
		'/reorder-points/:productId/:locationId/suggestion',
		permit('purchasing.manage'),
		doc({
			summary: 'A reorder point suggested from sales velocity and lead time, with the reasoning',
			tags,
			response: Suggestion
		}),
		input('param', LevelParams),
		input('query', SuggestQuery),
		async (c) => {
			const { productId, locationId } = c.req.valid('param');
			return c.json(
				await suggestPoint({ ctx: getCtx(c), productId, locationId, input: c.req.valid('query') })
			);
		}
	)
	.get(
		'/suppliers',
		permit('purchasing.manage'),
		doc({ summary: 'Suppliers by name', tags, response: SupplierList }),
		async (c) => c.json(await listSuppliers({ ctx: getCtx(c) }))
	)
	.post(
		'/suppliers',
		permit('purchasing.manage'),
		doc({ summary: 'Add a supplier', tags, status: 201, response: Supplier }),
		input('json', CreateSupplier),
		async (c) => c.json(await createSupplier({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.get(
		'/suppliers/:id',
		permit('purchasing.manage'),
		doc({ summary: 'A supplier with the products it sells', tags, response: SupplierDetail }),
		input('param', IdParams),
		async (c) => c.json(await getSupplier({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.put(
		'/suppliers/:id/items/:productId',
		permit('purchasing.manage'),
		doc({
			summary: "Set a supplier's code, pack size and unit cost for a product",
			tags,
			response: SupplierItem
		}),
		input('param', SupplierItemParams),
		input('json', SetSupplierItem),
		async (c) => {
			const { id, productId } = c.req.valid('param');
			return c.json(
				await setSupplierItem({
					ctx: getCtx(c),
					supplierId: id,
					productId,
					input: c.req.valid('json')
				})
			);
		}
	)
	.get(
		'/reorder',
		permit('purchasing.manage'),
		doc({
			summary: 'What to reorder at a location, grouped by supplier, with cost comparisons',
			tags,
			response: ReorderProposal
		}),
		input('query', ReorderQuery),
		async (c) =>
			c.json(await reorderProposal({ ctx: getCtx(c), locationId: c.req.valid('query').locationId }))
	)
	.post(
		'/purchase-orders/drafts',
		permit('purchasing.manage'),
		doc({
			summary: 'Draft purchase orders (one per supplier) from the reorder proposal',
			tags,
			status: 201,
			response: DraftResult
		}),
		input('json', DraftPurchaseOrders),
		async (c) =>
			c.json(await draftPurchaseOrders({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.get(
		'/purchase-orders',
		permit('purchasing.receive'),
		doc({
			summary: 'Purchase orders, newest first, one status or all',
			tags,
			response: PurchaseOrderList
		}),
		input('query', ListPurchaseOrders),
		async (c) => c.json(await listPurchaseOrders({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.get(
		'/purchase-orders/:id',
		permit('purchasing.receive'),
		doc({
			summary: 'A purchase order with its lines and their cost comparison',
			tags,
			response: PurchaseOrderDetail
		}),
		input('param', IdParams),
		async (c) => c.json(await getPurchaseOrder({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/purchase-orders/:id/approve',
		...moveRoute('approve', 'Approve a draft purchase order'),
		async (c) =>
			c.json(
				await movePurchaseOrder({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					move: 'approve',
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/purchase-orders/:id/send',
		...moveRoute('send', 'Record an approved purchase order as sent to the supplier'),
		async (c) =>
			c.json(
				await movePurchaseOrder({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					move: 'send',
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/purchase-orders/:id/cancel',
		...moveRoute('cancel', 'Cancel a purchase order not yet received'),
		async (c) =>
			c.json(
				await movePurchaseOrder({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					move: 'cancel',
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/purchase-orders/:id/receipts',
		permit('purchasing.receive'),
		doc({
			summary:
				'Receive a delivery (Idempotency-Key required): stock in, moving-average cost updated',
			tags,
			response: PurchaseOrder
		}),
		input('param', IdParams),
		input('json', ReceivePurchaseOrder),
		async (c) =>
			c.json(
				await receivePurchaseOrder({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	);
