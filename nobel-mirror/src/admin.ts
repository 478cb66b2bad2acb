import type { IncomingMessage, ServerResponse } from 'node:http';
import { AdminRequestError, MutationError } from './errors';
import { faultSpec, type FaultQueue } from './faults';
import { mutation, type Mutation } from './mutation';
import { json } from './respond';

/**
 * /_admin: faults and data changes for tests, on this machine only.
 *   POST /_admin/faults (a FaultSpec), DELETE /_admin/faults, POST /_admin/mutate (a
 *   Mutation), POST /_admin/reset, GET /_admin/stats.
 */

/** The largest body /_admin reads: its requests are a few hundred bytes. */
export const ADMIN_BODY_LIMIT = 64 * 1024;

export interface AdminDeps {
  faults: FaultQueue;
  /** Requests served per endpoint path. */
  requests: ReadonlyMap<string, number>;
  mutate(change: Mutation): void;
  reset(): void;
}

export type AdminHandler = (url: URL, req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Node's request stream yields Buffers: no encoding is set on it.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > ADMIN_BODY_LIMIT)
      throw new AdminRequestError(413, `the body is larger than ${ADMIN_BODY_LIMIT} bytes`);
    chunks.push(chunk);
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

export function createAdmin(deps: AdminDeps): AdminHandler {
  const { faults, requests } = deps;

  async function dispatch(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
        deps.mutate(change.data);
      } catch (error) {
        if (!(error instanceof MutationError)) throw error;
        return json(res, 404, { error: error.message });
      }
      return json(res, 200, { ok: true });
    }
    if (route === 'POST /_admin/reset') {
      deps.reset();
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

  return async (url, req, res) => {
    if (!isLoopback(req))
      return json(res, 403, { error: '/_admin answers clients on this machine only' });
    try {
      await dispatch(url, req, res);
    } catch (error) {
      if (!(error instanceof AdminRequestError)) throw error;
      json(res, error.status, { error: error.message }, { Connection: 'close' });
    }
  };
}
