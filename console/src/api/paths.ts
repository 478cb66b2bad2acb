/**
 * The API's paths, from the origin's root: the console is served at /ui/, and paths relative
 * to the page (../status) would break as soon as it moved.
 */
export const PATHS = {
  status: '/status',
  readyz: '/readyz',
  runs: '/runs?limit=50',
  prizes: '/prizes',
  prize: (id: string) => `/prizes/${encodeURIComponent(id)}`,
  laureate: (id: string) => `/laureates/${encodeURIComponent(id)}`,
  start: '/start',
  stop: '/stop',
  fetch: '/fetch',
} as const;
