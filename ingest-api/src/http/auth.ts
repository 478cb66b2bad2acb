import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { UnauthorizedError } from '../errors';
import type { AppState } from './state';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * With a token configured, requires `Authorization: Bearer <token>`. The comparison takes
 * the same time whatever the input (equal-length digests, timingSafeEqual). Without a
 * token, lets everything through.
 */
export function bearerAuth(token: string | undefined): Middleware<AppState> {
  const expected = token === undefined ? undefined : digest(token);
  return async (ctx, next) => {
    if (expected !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'));
      const given = digest(match?.[1] ?? '');
      if (match === null || !timingSafeEqual(given, expected)) throw new UnauthorizedError();
    }
    await next();
  };
}
