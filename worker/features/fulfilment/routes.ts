import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { deliverShipment } from './deliver-shipment';
import { getShipment } from './get-shipment';
import { listLocations } from './list-locations';
import { listPickList } from './list-pick-list';
import { packShipment } from './pack-shipment';
import { pickItem } from './pick-item';
import {
	DeliverShipment,
	Locations,
	OrderParams,
	PackShipment,
	PickItem,
	PickList,
	PickListQuery,
	PickResult,
	Shipment,
	ShipmentParams,
	ShipShipment,
	StartPicking
} from './schemas';
import { shipShipment } from './ship-shipment';
import { startPicking } from './start-picking';

const tags = ['fulfilment'];
const work = permit('fulfilment.work');

export const fulfilmentRoutes = new Hono<AppEnv>()
	.get(
		'/locations',
		work,
		doc({ summary: 'Locations a picker can work at', tags, response: Locations }),
		async (c) => c.json(await listLocations({ ctx: getCtx(c) }))
	)
	.get(
		'/pick-list',
		work,
		doc({ summary: "A location's orders to pick, lines in bin order", tags, response: PickList }),
		input('query', PickListQuery),
		async (c) => c.json(await listPickList({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.post(
		'/orders/:orderId/shipments',
		work,
		doc({ summary: 'Start picking an order at a location', tags, status: 201, response: Shipment }),
		input('param', OrderParams),
		input('json', StartPicking),
		async (c) => {
			const { orderId } = c.req.valid('param');
			const shipment = await startPicking({ ctx: getCtx(c), orderId, input: c.req.valid('json') });
			return c.json(shipment, 201);
		}
	)
	.get(
		'/shipments/:id',
		work,
		doc({
			summary: 'A shipment with its lines and address (pick screen, packing slip)',
			tags,
			response: Shipment
		}),
		input('param', ShipmentParams),
		async (c) => c.json(await getShipment({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/shipments/:id/picks',
		work,
		doc({ summary: 'Pick a scanned item into the shipment', tags, response: PickResult }),
		input('param', ShipmentParams),
		input('json', PickItem),
		async (c) => {
			const { id } = c.req.valid('param');
			return c.json(await pickItem({ ctx: getCtx(c), shipmentId: id, input: c.req.valid('json') }));
		}
	)
	.post(
		'/shipments/:id/pack',
		work,
		doc({ summary: 'Pack the picked items (all, or partial)', tags, response: Shipment }),
		input('param', ShipmentParams),
		input('json', PackShipment),
		async (c) => {
			const { id } = c.req.valid('param');
			return c.json(
				await packShipment({ ctx: getCtx(c), shipmentId: id, input: c.req.valid('json') })
			);
		}
	)
	.post(
		'/shipments/:id/ship',
		work,
		doc({ summary: 'Ship the packed parcel with carrier and tracking', tags, response: Shipment }),
		input('param', ShipmentParams),
		input('json', ShipShipment),
		async (c) => {
			const { id } = c.req.valid('param');
			return c.json(
				await shipShipment({ ctx: getCtx(c), shipmentId: id, input: c.req.valid('json') })
			);
		}
	)
	.post(
		'/shipments/:id/deliver',
		// A rep told by the customer, or a carrier's integration (API key): not warehouse work.
		permit('orders.write'),
		doc({ summary: 'Mark a shipped parcel delivered', tags, response: Shipment }),
		input('param', ShipmentParams),
		input('json', DeliverShipment),
		async (c) => {
			const { id } = c.req.valid('param');
			return c.json(
				await deliverShipment({ ctx: getCtx(c), shipmentId: id, input: c.req.valid('json') })
			);
		}
	);
