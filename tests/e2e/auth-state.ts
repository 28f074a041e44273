/** Where the setup project leaves the warehouse picker's signed-in browser state. */
export const WAREHOUSE_STATE = 'test-results/.auth/warehouse.json';

/** For journeys that start signed out. */
export const SIGNED_OUT = { cookies: [], origins: [] };
