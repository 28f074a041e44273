// The distribution's Chromium: Playwright cannot download its own browser here.
export const CHROMIUM = '/usr/bin/chromium';
