import { errorMessage } from '@nobel-pipeline/common';
import { createServer, type Server } from 'node:http';
import { createAdmin } from './admin';
import { createFaultQueue, type FaultQueue } from './faults';
import { injectFault } from './inject';
import { applyMutation, mutationEndpoint, type Mutation } from './mutation';
import { servePage } from './page';
import { json } from './respond';
import type { Endpoint } from './snapshot';

/**
 * A local stand-in for api.nobelprize.org/2.1, serving recorded records with the real API's
 * behaviour: offset/limit paging (limit 25 by default) in the real envelope (page.ts). Faults
 * and data changes are driven through /_admin for tests (admin.ts).
 */

export interface MirrorOptions {
  data: Partial<Record<Endpoint, unknown[]>>;
  /** The base URL written into `links`; defaults to the address the mirror listens on. */
  publicUrl?: string;
}

export interface Mirror {
  server: Server;
  /** Starts listening; resolves with the API base URL (`http://host:port/2.1`). */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
  faults: FaultQueue;
  /** Requests served per endpoint path since the last reset. */
  requests: Map<string, number>;
  /** Changes a record in place, by endpoint (nobelPrizes unless named), id and dotted path. */
  mutate(change: Mutation): void;
  /** Back to the data the mirror started with, no faults, no counts. */
  reset(): void;
}

const API_PATH = /^\/2\.1\/(nobelPrizes|laureates)$/;

export function createMirror(options: MirrorOptions): Mirror {
  const original = structuredClone(options.data);
  // Copy on write: the records served are the original ones until a mutation changes them (a
  // copy of ~120,000 scaled records takes seconds and as much memory again).
  let data = original;
  const faults = createFaultQueue();
  const requests = new Map<string, number>();
  let baseUrl = options.publicUrl ?? '';

  const mutate = (change: Mutation) => {
    if (data === original) data = structuredClone(original);
    applyMutation(data[mutationEndpoint(change)] ?? [], change);
  };
  const reset = () => {
    data = original;
    faults.clear();
    requests.clear();
  };
  const admin = createAdmin({ faults, requests, mutate, reset });

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mirror');
    const handle = async () => {
      if (url.pathname.startsWith('/_admin/')) return admin(url, req, res);
      if (url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
      // The pattern admits the two endpoints' names only.
      const endpoint = API_PATH.exec(url.pathname)?.[1] as Endpoint | undefined;
      if (endpoint === undefined || req.method !== 'GET')
        return json(res, 404, { code: 404, message: `Not found: ${req.method} ${url.pathname}` });
      requests.set(url.pathname, (requests.get(url.pathname) ?? 0) + 1);
      const serve = (endless?: number) =>
        servePage(res, { endpoint, records: data[endpoint], url, baseUrl, endless });
      const fault = faults.take(url.pathname, Number(url.searchParams.get('offset') ?? '0'));
      return fault === undefined ? serve() : injectFault(fault, serve, req, res);
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { code: 500, message: errorMessage(error) });
      else res.destroy();
    });
  });

  return {
    server,
    faults,
    requests,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolveListen, rejectListen) => {
        server.once('error', rejectListen);
        server.listen(port, host, () => {
          const address = server.address();
          const actual = typeof address === 'object' && address !== null ? address.port : port;
          if (options.publicUrl === undefined) baseUrl = `http://${host}:${actual}/2.1`;
          resolveListen(`http://${host}:${actual}/2.1`);
        });
      });
    },
    close() {
      return new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
    mutate,
    reset,
  };
}
