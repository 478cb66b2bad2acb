import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from './faults';
import { json } from './respond';

/** What an `endless` fault claims by default: more records than any run should read. */
export const ENDLESS_COUNT = 1e15;

/**
 * Answers a request with a fault instead of its page. `serve` answers normally (with the
 * count an `endless` fault claims), for the faults that answer late rather than wrong.
 */
export async function injectFault(
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
