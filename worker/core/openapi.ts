import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import type { GenericSchema } from 'valibot';
import { version } from '../../package.json';
import {
	metaOf,
	type Access,
	type InputTarget,
	type RouteDoc,
	type RouteExamples
} from './route-meta';

export type RouteInfo = {
	method: string;
	path: string;
	access: Access | null;
	inputs: { target: InputTarget; schema: GenericSchema }[];
	doc: RouteDoc | null;
};

type RoutedApp = { routes: readonly { method: string; path: string; handler: unknown }[] };

/** Reads the route table back from the app: each endpoint with what it declared. */
export function routeTable(app: RoutedApp): RouteInfo[] {
	const byKey = new Map<string, RouteInfo>();
	for (const r of app.routes) {
		if (r.method === 'ALL') continue; // app.use() middleware, not an endpoint
		const key = `${r.method} ${r.path}`;
		let info = byKey.get(key);
		if (!info) {
			info = { method: r.method, path: r.path, access: null, inputs: [], doc: null };
			byKey.set(key, info);
		}
		const meta = metaOf(r.handler);
		if (meta?.kind === 'access') info.access = meta.access;
		if (meta?.kind === 'input') info.inputs.push({ target: meta.target, schema: meta.schema });
		if (meta?.kind === 'doc') info.doc = meta.doc;
	}
	return [...byKey.values()];
}

const json = (schema: GenericSchema) =>
	toJsonSchema(schema, { errorMode: 'ignore', typeMode: 'output' }) as Record<string, unknown>;

function parameters(info: RouteInfo) {
	const out: unknown[] = [];
	for (const { target, schema } of info.inputs) {
		if (target === 'header') {
			out.push(...headerParameters(schema));
			continue;
		}
		if (target !== 'query' && target !== 'param') continue;
		const s = toJsonSchema(schema, { errorMode: 'ignore', typeMode: 'input' }) as {
			properties?: Record<string, unknown>;
			required?: string[];
		};
		for (const [name, prop] of Object.entries(s.properties ?? {})) {
			out.push({
				name,
				in: target === 'param' ? 'path' : 'query',
				required: target === 'param' || (s.required ?? []).includes(name),
				schema: prop
			});
		}
	}
	return out;
}

/** Headers a route requires (its `input('header', …)`), named as HTTP writes them. */
function headerParameters(schema: GenericSchema) {
	const s = toJsonSchema(schema, { errorMode: 'ignore', typeMode: 'input' }) as {
		properties?: Record<string, unknown>;
		required?: string[];
	};
	return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
		name: name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()),
		in: 'header',
		required: (s.required ?? []).includes(name),
		schema: prop
	}));
}

function problemResponses(examples: RouteExamples | undefined) {
	const out: Record<string, unknown> = {};
	for (const [status, { summary, value }] of Object.entries(examples?.problems ?? {})) {
		out[status] = {
			description: summary,
			content: {
				'application/problem+json': {
					schema: { $ref: '#/components/schemas/Problem' },
					example: value
				}
			}
		};
	}
	return out;
}

function okContent(doc: RouteDoc | null) {
	if (doc?.produces) return { content: { [doc.produces]: { schema: { type: 'string' } } } };
	if (!doc?.response) return {};
	const example = doc.examples?.response;
	return {
		content: {
			'application/json': {
				schema: json(doc.response),
				...(example === undefined ? {} : { example })
			}
		}
	};
}

const PROBLEM = {
	'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } }
};

/** The document's outer shape; what is inside each path is JSON Schema, checked by its own test. */
export const OpenApiDocument = v.looseObject({
	openapi: v.literal('3.1.0'),
	info: v.object({ title: v.string(), version: v.string() }),
	paths: v.record(
		v.string(),
		v.record(v.string(), v.looseObject({ summary: v.optional(v.string()) }))
	),
	components: v.looseObject({})
});

/** OpenAPI 3.1 from the same valibot schemas the routes validate with. */
export function buildOpenApi(app: RoutedApp) {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const info of routeTable(app)) {
		const path = info.path.replace(/:(\w+)/g, '{$1}');
		const body = info.inputs.find((i) => i.target === 'json');
		const status = String(info.doc?.status ?? 200);
		const mutating = !['GET', 'HEAD'].includes(info.method);
		const declared = parameters(info);
		const keyRequired = declared.some((p) => (p as { name: string }).name === 'Idempotency-Key');
		const requestExample = info.doc?.examples?.request;
		(paths[path] ??= {})[info.method.toLowerCase()] = {
			summary: info.doc?.summary,
			tags: info.doc?.tags,
			'x-ordo-permission': info.access,
			security: info.access === 'public' ? [] : [{ session: [] }, { apiKey: [] }],
			parameters: [
				...declared,
				...(mutating && info.access !== 'public' && !keyRequired
					? [
							{
								name: 'Idempotency-Key',
								in: 'header',
								required: info.doc?.idempotencyKeyRequired ?? false,
								schema: { type: 'string', maxLength: 255 }
							}
						]
					: [])
			],
			...(body
				? {
						requestBody: {
							required: true,
							content: {
								'application/json': {
									schema: json(body.schema),
									...(requestExample === undefined ? {} : { example: requestExample })
								}
							}
						}
					}
				: info.doc?.consumes
					? {
							requestBody: {
								required: true,
								content: Object.fromEntries(
									info.doc.consumes.map((type) => [
										type,
										{ schema: { type: 'string', format: 'binary' } }
									])
								)
							}
						}
					: {}),
			responses: {
				[status]: { description: 'OK', ...okContent(info.doc) },
				...problemResponses(info.doc?.examples),
				default: { description: 'A problem (RFC 9457)', content: PROBLEM }
			}
		};
	}
	return {
		openapi: '3.1.0',
		info: { title: 'Ordo API', version },
		paths,
		components: {
			securitySchemes: {
				session: { type: 'apiKey', in: 'cookie', name: '__Host-ordo_session' },
				apiKey: { type: 'http', scheme: 'bearer' }
			},
			schemas: {
				Problem: {
					type: 'object',
					// RFC 9457 extension members (a stale stock level's `current`) may follow.
					additionalProperties: true,
					required: ['type', 'title', 'status', 'requestId'],
					properties: {
						type: { type: 'string' },
						title: { type: 'string' },
						status: { type: 'integer' },
						detail: { type: 'string' },
						errors: {
							type: 'object',
							additionalProperties: { type: 'array', items: { type: 'string' } }
						},
						requestId: { type: 'string' }
					}
				}
			}
		}
	};
}
