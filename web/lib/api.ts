import { hc } from 'hono/client';
import type { Api } from '../../worker/app';

// The typed client over the same HTTP API integrations use (DESIGN §2). Relative
// to the page's origin: the session cookie is __Host- and POSTs must be same-origin.
export const client = hc<Api>('/').api;
