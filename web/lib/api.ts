import { hc } from 'hono/client';
import type { Api } from '../../worker/app';

// The typed client over the same HTTP API integrations use (DESIGN §2).
export const client = hc<Api>('/').api;
