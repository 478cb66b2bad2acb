import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '@nobel-pipeline/common';
import type { AppState } from './state';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id — the caller's `X-Request-Id` when it is sane, otherwise a new
 * UUID — echoes it in the response, and puts a logger carrying it in `ctx.state.log`.
 */
export function requestId(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const id = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.state.log = logger.child({ requestId: id });
    ctx.set('X-Request-Id', id);
    await next();
  };
}
