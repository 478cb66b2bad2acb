import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthDeps {
  registry: Registry;
  /** Empty when ready; otherwise why not. */
  notReady: () => string[];
  /** Extra state for GET /status (JSON). */
  status: () => unknown;
}

/** GET /healthz, /readyz, /metrics and /status on a small port of the service's own. */
export function createHealthServer(deps: HealthDeps): Server {
  return createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    const json = (status: number, body: unknown) =>
      send(status, 'application/json', JSON.stringify(body));
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return json(405, { error: 'method_not_allowed' });
    if (path === '/healthz') return json(200, { status: 'ok' });
    if (path === '/readyz') {
      const reasons = deps.notReady();
      return json(reasons.length === 0 ? 200 : 503, {
        status: reasons.length === 0 ? 'ready' : 'not_ready',
        reasons,
      });
    }
    if (path === '/status') return json(200, deps.status());
    if (path === '/metrics') {
      deps.registry.metrics().then(
        (text) => send(200, deps.registry.contentType, text),
        (error: unknown) => json(500, { error: (error as Error).message }),
      );
      return;
    }
    json(404, { error: 'not_found' });
  });
}
