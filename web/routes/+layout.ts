// Every page is rendered in the browser. The data behind them is per person (the
// session cookie) and comes from /api anyway, and the service worker must be able
// to open any page offline from one cached document (/shell): server rendering
// would only render each page twice and make the offline shell a special case.
export const ssr = false;
