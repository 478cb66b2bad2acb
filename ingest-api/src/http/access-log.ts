import type { Middleware } from 'koa';
import type { Metrics } from '../metrics/metrics';
import type { AppState } from './state';

/**
 * One log line and one duration sample per request. The route label is the router's pattern
 * (`/prizes/:id`), or `unmatched`, so that arbitrary paths never become metric labels.
 */
export function accessLog(metrics: Metrics): Middleware<AppState> {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      const label = typeof route === 'string' ? route : 'unmatched';
      metrics.httpDuration.observe(
        { method: ctx.method, route: label, status: String(ctx.status) },
        seconds,
      );
      ctx.state.log.info(
        {
          method: ctx.method,
          path: ctx.path,
          route: label,
          status: ctx.status,
          ms: Math.round(seconds * 1000),
        },
        'request',
      );
    }
  };
}
