import { errorMessage, PipelineError } from '@nobel-pipeline/common';
import { prizeLinkTarget } from '@nobel-pipeline/schemas';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { createFaultQueue, faultSpec, type FaultQueue, type FaultSpec } from './faults';
import type { Endpoint } from './snapshot';

/**
 * A local stand-in for api.nobelprize.org/2.1, serving recorded records with the real API's
 * behaviour: offset/limit paging (limit 25 by default), the same compact envelope
 * `{<records>, meta {offset, limit, count, terms, license, disclaimer}, links {first, self,
 * next, last}}` with `next` left out on the last page and `last = floor(count / limit) · limit`
 * (so that, as observed, `next` and `last` point one page past the end when count is a
 * multiple of limit), and an empty page past the end. Faults and data changes are driven
 * through /_admin for tests.
 */

const TERMS =
  'https://www.nobelprize.org/about/terms-of-use-for-api-nobelprize-org-and-data-nobelprize-org/';
export const DEFAULT_LIMIT = 25;
/** What an `endless` fault claims by default: more records than any run should read. */
const ENDLESS_COUNT = 1e15;

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
  /** Changes a record in place, by prize id (e.g. "phy-1901") and dotted path. */
  mutate(change: Mutation): void;
  /** Back to the data the mirror started with, no faults, no counts. */
  reset(): void;
}

const mutation = z.strictObject({
  id: z.string(),
  /** e.g. "prizeAmountAdjusted" or "laureates.0.motivation.en"; omitted with remove. */
  path: z.string().optional(),
  value: z.unknown().optional(),
  /** Removes the record from the data instead. */
  remove: z.boolean().optional(),
});
export type Mutation = z.infer<typeof mutation>;

function prizeIdOf(record: unknown): string | undefined {
  const links = (record as { links?: { href?: string }[] }).links;
  const href = Array.isArray(links) ? links[0]?.href : undefined;
  return href === undefined ? undefined : prizeLinkTarget(href)?.id;
}

/** Path segments that would reach an object's prototype instead of its data. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

function setPath(target: unknown, path: string, value: unknown): void {
  const parts = path.split('.');
  const forbidden = parts.find((part) => FORBIDDEN_SEGMENTS.has(part) || part === '');
  if (forbidden !== undefined) throw new Error(`the path ${path} has a forbidden segment`);
  let node = target as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    if (!Object.hasOwn(node, part)) throw new Error(`no object at ${part} in ${path}`);
    const next = node[part];
    if (next === null || typeof next !== 'object')
      throw new Error(`no object at ${part} in ${path}`);
    node = next as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? ''] = value;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The largest body /_admin reads: its requests are a few hundred bytes. */
export const ADMIN_BODY_LIMIT = 64 * 1024;

class AdminRequestError extends PipelineError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message, { code: status === 413 ? 'payload_too_large' : 'invalid_json' });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > ADMIN_BODY_LIMIT)
      throw new AdminRequestError(413, `the body is larger than ${ADMIN_BODY_LIMIT} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    throw new AdminRequestError(400, 'the body is not JSON');
  }
}

/** /_admin is for tests on this machine: only loopback clients may use it. */
function isLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

export function createMirror(options: MirrorOptions): Mirror {
  const original = structuredClone(options.data);
  let data = structuredClone(original);
  const faults = createFaultQueue();
  const requests = new Map<string, number>();
  let baseUrl = options.publicUrl ?? '';

  /** A page of the data; `endless` claims that count and serves the data over and over. */
  function page(endpoint: Endpoint, url: URL, res: ServerResponse, endless?: number): void {
    const records = data[endpoint];
    if (records === undefined)
      return json(res, 404, { code: 404, message: `${endpoint} is not served by this mirror` });
    const offset = Number(url.searchParams.get('offset') ?? '0');
    const limit = Number(url.searchParams.get('limit') ?? String(DEFAULT_LIMIT));
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
      return json(res, 400, {
        code: 400,
        message: 'offset must be an integer ≥ 0 and limit an integer ≥ 1',
      });
    }
    const count = endless ?? records.length;
    const last = Math.floor(count / limit) * limit;
    const link = (at: number) => `${baseUrl}/${endpoint}?offset=${at}&limit=${limit}`;
    const links: Record<string, string> = { first: link(0), self: link(offset) };
    if (offset + limit <= last) links.next = link(offset + limit);
    links.last = link(last);
    json(res, 200, {
      [endpoint]:
        endless === undefined
          ? records.slice(offset, offset + limit)
          : Array.from(
              { length: Math.max(0, Math.min(limit, count - offset)) },
              (_, i) => records[(offset + i) % records.length],
            ),
      meta: {
        offset,
        limit,
        count,
        terms: TERMS,
        license: `${TERMS}#licence`,
        disclaimer: `${TERMS}#disclaimer`,
      },
      links,
    });
  }

  async function inject(
    fault: FaultSpec,
    serve: (endless?: number) => void,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    switch (fault.type) {
      case 'endless':
        await new Promise((r) => setTimeout(r, fault.ms).unref());
        if (!req.socket.destroyed) serve(fault.count ?? ENDLESS_COUNT);
        return;
      case 'latency':
        await new Promise((r) => setTimeout(r, fault.ms).unref());
        if (!req.socket.destroyed) serve();
        return;
      case 'status':
        return json(res, fault.status, { code: fault.status, message: 'injected fault' });
      case 'rate-limit':
        return json(
          res,
          429,
          { code: 429, message: 'Too Many Requests' },
          { 'Retry-After': String(fault.retryAfter) },
        );
      case 'malformed': {
        const body = '{"nobelPrizes":[{"awardYear":"19';
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        });
        return void res.end(body);
      }
      case 'truncated': {
        const body = '{"nobelPrizes":[],"meta":{"offset":0,"limit":25,"count":670}}'.padEnd(
          4096,
          ' ',
        );
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        });
        res.write(body.slice(0, 100));
        return void setImmediate(() => res.destroy());
      }
      case 'reset':
        return void req.socket.destroy();
    }
  }

  async function admin(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req))
      return json(res, 403, { error: '/_admin answers clients on this machine only' });
    try {
      await adminRoute(url, req, res);
    } catch (error) {
      if (!(error instanceof AdminRequestError)) throw error;
      json(res, error.status, { error: error.message }, { Connection: 'close' });
    }
  }

  async function adminRoute(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'POST /_admin/faults') {
      const spec = faultSpec.safeParse(await readJson(req));
      if (!spec.success)
        return json(res, 400, { error: 'invalid fault', issues: spec.error.issues });
      faults.add(spec.data);
      return json(res, 201, { pending: faults.pending() });
    }
    if (route === 'DELETE /_admin/faults') {
      faults.clear();
      return json(res, 200, { pending: [] });
    }
    if (route === 'POST /_admin/mutate') {
      const change = mutation.safeParse(await readJson(req));
      if (!change.success)
        return json(res, 400, { error: 'invalid mutation', issues: change.error.issues });
      try {
        api.mutate(change.data);
      } catch (error) {
        return json(res, 404, { error: errorMessage(error) });
      }
      return json(res, 200, { ok: true });
    }
    if (route === 'POST /_admin/reset') {
      api.reset();
      return json(res, 200, { ok: true });
    }
    if (route === 'GET /_admin/stats') {
      return json(res, 200, {
        requests: Object.fromEntries(requests),
        pendingFaults: faults.pending(),
      });
    }
    return json(res, 404, { error: `no admin route ${route}` });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mirror');
    const handle = async () => {
      if (url.pathname.startsWith('/_admin/')) return admin(url, req, res);
      if (url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
      const match = /^\/2\.1\/(nobelPrizes|laureates)$/.exec(url.pathname);
      if (match === null || req.method !== 'GET')
        return json(res, 404, { code: 404, message: `Not found: ${req.method} ${url.pathname}` });
      const endpoint = match[1] as Endpoint;
      requests.set(url.pathname, (requests.get(url.pathname) ?? 0) + 1);
      const serve = (endless?: number) => page(endpoint, url, res, endless);
      const fault = faults.take(url.pathname, Number(url.searchParams.get('offset') ?? '0'));
      return fault === undefined ? serve() : inject(fault, serve, req, res);
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { code: 500, message: errorMessage(error) });
      else res.destroy();
    });
  });

  const api: Mirror = {
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
    mutate(change) {
      const records = data.nobelPrizes ?? [];
      const index = records.findIndex((r) => prizeIdOf(r) === change.id);
      if (index < 0) throw new Error(`no prize ${change.id}`);
      if (change.remove === true) {
        records.splice(index, 1);
        return;
      }
      if (change.path === undefined) throw new Error('path is required unless remove is true');
      setPath(records[index], change.path, change.value);
    },
    reset() {
      data = structuredClone(original);
      faults.clear();
      requests.clear();
    },
  };
  return api;
}
