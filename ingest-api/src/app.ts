import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from '@nobel-pipeline/common';
import { commandRoutes } from './commands/routes';
import type { CommandPublisher } from './commands/publisher';
import type { PrizeReader } from '@nobel-pipeline/db';
import type { DatabaseGate } from './database/database-gate';
import { readRoutes } from './reads/routes';
import type { StatusService } from './status/service';
import type { ReadinessCheck } from '@nobel-pipeline/common';
import { healthRoutes } from './health/routes';
import { accessLog } from './http/access-log';
import { compressJson } from './http/compress';
import { errorResponses } from './http/errors';
import { requestId } from './http/request-id';
import type { AppState } from './http/state';
import type { Metrics } from './metrics/metrics';
import { openApiDocument } from './openapi/document';
import { consoleRoutes } from './console/routes';
import type { StaticFile } from './console/static-files';

export interface AppDeps {
  logger: Logger;
  metrics: Metrics;
  commands: CommandPublisher;
  reader: PrizeReader;
  database: DatabaseGate;
  status: StatusService;
  checks: readonly ReadinessCheck[];
  apiToken: string | undefined;
  /** Browser origins whose pages may send commands: the service's own and HTTP_ALLOWED_ORIGINS. */
  allowedOrigins: readonly string[];
  /** False once shutdown has begun. */
  isRunning: () => boolean;
  /** The web console's files, served at /ui/ (none when it is not built). */
  consoleFiles: ReadonlyMap<string, StaticFile>;
  version: string;
}

/** Every route of the service, in one router (so that 405 and Allow cover them all). */
export function createRouter(deps: AppDeps): Router<AppState> {
  const document = openApiDocument(deps.version);
  const router = new Router<AppState>();
  router.get('/openapi.json', (ctx) => {
    ctx.body = document;
  });
  router.use(
    commandRoutes({
      commands: deps.commands,
      apiToken: deps.apiToken,
      allowedOrigins: deps.allowedOrigins,
    }).routes(),
  );
  router.use(
    readRoutes({ reader: deps.reader, status: deps.status, database: deps.database }).routes(),
  );
  router.use(consoleRoutes({ files: deps.consoleFiles }).routes());
  router.use(
    healthRoutes({
      checks: deps.checks,
      metrics: deps.metrics,
      isRunning: deps.isRunning,
    }).routes(),
  );
  return router;
}

/** Builds the ingest-api Koa application. It does not listen: main.ts (or a test) does. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  const router = createRouter(deps);
  app.use(requestId(deps.logger));
  app.use(accessLog(deps.metrics));
  app.use(compressJson());
  app.use(errorResponses());
  app.use(router.routes());
  // 405 with Allow for a known path and another method; 501 for methods no route uses.
  app.use(router.allowedMethods());
  app.on('error', (error: unknown) => deps.logger.error({ err: error }, 'koa error'));
  return app;
}
