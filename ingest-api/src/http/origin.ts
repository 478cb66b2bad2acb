import type { Middleware } from 'koa';
import { HttpError } from '../errors';
import type { AppState } from './state';

/** A browser page of another site asked for a command: refused. */
export class ForbiddenOriginError extends HttpError {
  constructor(origin: string) {
    super(
      403,
      'forbidden_origin',
      `Requests from pages of ${origin} may not send commands; allow the origin with HTTP_ALLOWED_ORIGINS`,
    );
  }
}

/** The origins of pages this service serves itself, on this machine (its console). */
export function localOrigins(port: number): string[] {
  return ['localhost', '127.0.0.1', '[::1]'].flatMap((host) => [
    `http://${host}:${port}`,
    `https://${host}:${port}`,
  ]);
}

/**
 * Refuses commands sent by browser pages of other sites. A browser names the page's origin
 * in `Origin` on every cross-site POST — a form included, which needs no CORS preflight — so a
 * request whose Origin is not allowed is refused with 403 before anything is produced. Tools
 * such as curl send no Origin and are not concerned. The allowed origins are this service's
 * own local ones and those configured; the Host header is not trusted for this (a page that
 * rebinds its own name to 127.0.0.1 controls it).
 */
export function sameOriginOnly(allowed: readonly string[]): Middleware<AppState> {
  const origins = new Set(allowed.map((o) => o.toLowerCase()));
  return async (ctx, next) => {
    const origin = ctx.get('Origin');
    if (origin !== '' && !origins.has(origin.toLowerCase())) throw new ForbiddenOriginError(origin);
    await next();
  };
}
