import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Middleware } from 'koa';
import type { AppState } from './state';

const gzipAsync = promisify(gzip);

/** Smaller answers are sent as they are: gzip would not save a packet. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * Gzips the JSON answers (a page of prizes is ~40 KB, a tenth of that gzipped) for clients that
 * accept it, as most HTTP clients and every browser do; others get them as they are. Only
 * bodies this service serialises itself are concerned: the console's files come gzipped
 * already, and Prometheus text is left to the scraper's own negotiation.
 */
export function compressJson(): Middleware<AppState> {
  return async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    // A JSON answer is a plain object or array here (a Buffer, stream or string is not ours).
    if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return;
    if (typeof (body as { pipe?: unknown }).pipe === 'function') return;
    const text = JSON.stringify(body);
    ctx.vary('Accept-Encoding');
    if (
      Buffer.byteLength(text) < COMPRESS_MIN_BYTES ||
      ctx.acceptsEncodings('gzip', 'identity') !== 'gzip'
    )
      return;
    const type = ctx.type;
    ctx.body = await gzipAsync(text);
    ctx.type = type === '' ? 'application/json' : type;
    ctx.set('Content-Encoding', 'gzip');
  };
}
