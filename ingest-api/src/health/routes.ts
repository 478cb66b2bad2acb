import Router from '@koa/router';
import type { AppState } from '../http/state';
import type { Metrics } from '../metrics/metrics';
import type { HealthBody, ReadinessBody } from '@nobel-pipeline/schemas';
import { readiness, type ReadinessCheck } from '@nobel-pipeline/common';

export interface HealthRoutesDeps {
  checks: readonly ReadinessCheck[];
  metrics: Metrics;
  /** False once shutdown has begun: the service is draining. */
  isRunning: () => boolean;
}

/** GET /healthz (the process is alive), /readyz (its dependencies answer), /metrics. */
export function healthRoutes(deps: HealthRoutesDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/healthz', (ctx) => {
    const body: HealthBody = { status: 'ok' };
    ctx.body = body;
  });
  // The last answer's readiness: a change is logged once, with the checks that failed.
  let wasReady: boolean | undefined;
  router.get('/readyz', async (ctx) => {
    const report = await readiness(deps.checks);
    const ready = report.ready && deps.isRunning();
    if (ready !== wasReady && (wasReady !== undefined || !ready)) {
      if (ready) ctx.state.log.info('ready again: every dependency answers');
      else ctx.state.log.warn({ checks: report.checks, stopping: !deps.isRunning() }, 'not ready');
    }
    wasReady = ready;
    ctx.status = ready ? 200 : 503;
    const body: ReadinessBody = {
      status: ready ? 'ready' : 'not_ready',
      stopping: !deps.isRunning(),
      checks: report.checks,
    };
    ctx.body = body;
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });
  return router;
}
