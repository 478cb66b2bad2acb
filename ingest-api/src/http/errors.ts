import { errorMessage } from '@nobel-pipeline/common';
import type { Middleware, ParameterizedContext } from 'koa';
import { HttpError, type ErrorDetail } from '../errors';
import type { ErrorBody } from '@nobel-pipeline/schemas';
import type { AppState } from './state';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  501: 'not_implemented',
};

function send(
  ctx: ParameterizedContext<AppState>,
  status: number,
  code: string,
  message: string,
  details: readonly ErrorDetail[],
): void {
  const body: ErrorBody = { error: code, message, details: [...details] };
  ctx.status = status;
  ctx.body = body;
}

/**
 * The one place where failures become responses: `{ error, message, details }` with the
 * status. Statuses set without a body (404 for an unknown route, 405 from the router) get the
 * same shape. Unexpected errors are logged with their stack and answered with a plain 500.
 */
export function errorResponses(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        send(ctx, 404, 'not_found', `No route for ${ctx.method} ${ctx.path}`, []);
      } else if (ctx.status === 405 && ctx.body === undefined) {
        send(
          ctx,
          405,
          'method_not_allowed',
          `${ctx.method} is not allowed on ${ctx.path}; allowed: ${ctx.response.get('Allow')}`,
          [],
        );
      } else if (ctx.status === 501 && ctx.body === undefined) {
        send(ctx, 501, 'not_implemented', `${ctx.method} is not implemented`, []);
      }
    } catch (error) {
      if (error instanceof HttpError) {
        for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
        send(ctx, error.status, error.code, error.message, error.details);
        if (error.status >= 500) ctx.state.log.warn({ err: error }, error.message);
        return;
      }
      // Errors of Koa itself and of its helpers (http-errors) carry a status and `expose`.
      const status = (error as { status?: unknown }).status;
      const expose = (error as { expose?: unknown }).expose === true;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        send(
          ctx,
          status,
          CODES[status] ?? 'bad_request',
          expose ? errorMessage(error) : 'Bad request',
          [],
        );
        return;
      }
      ctx.state.log.error({ err: error }, 'unhandled error');
      send(ctx, 500, 'internal_error', 'Internal server error', []);
    }
  };
}
