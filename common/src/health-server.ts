import { errorMessage } from './errors';
import { readiness, type ReadinessCheck } from './readiness';
import { createServer, type Server } from 'node:http';

/** What the server needs of a prom-client Registry. */
export interface MetricsRegistry {
  contentType: string;
  metrics(): Promise<string>;
}

export interface HealthDeps {
  registry: MetricsRegistry;
  /** What the service needs to be ready; GET /readyz runs them (see readiness). */
  checks: readonly ReadinessCheck[];
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
    if (path === '/status') return json(200, deps.status());
    if (path === '/readyz') {
      readiness(deps.checks).then((report) =>
        json(report.ready ? 200 : 503, {
          status: report.ready ? 'ready' : 'not_ready',
          checks: report.checks,
        }),
      );
      return;
    }
    if (path === '/metrics') {
      deps.registry.metrics().then(
        (text) => send(200, deps.registry.contentType, text),
        (error: unknown) => json(500, { error: errorMessage(error) }),
      );
      return;
    }
    json(404, { error: 'not_found' });
  });
}

/** Starts listening; rejects (port in use...) instead of crashing later. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
}
