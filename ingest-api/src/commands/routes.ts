import Router, { type RouterMiddleware } from '@koa/router';
import type { CommandType, FetcherCommand } from '@nobel-pipeline/schemas';
import { bearerAuth } from '../http/auth';
import { jsonBody } from '../http/body';
import { sameOriginOnly } from '../http/origin';
import type { AppState } from '../http/state';
import type { CommandAccepted } from '@nobel-pipeline/schemas';
import { emptyBody, parseBody, startBody } from './body';
import type { CommandPublisher } from './publisher';

export interface CommandRoutesDeps {
  commands: CommandPublisher;
  apiToken: string | undefined;
  /** Browser origins whose pages may send commands (see sameOriginOnly). */
  allowedOrigins: readonly string[];
}

/** The 202 answer: the command as Kafka stored it, with the time as ISO 8601. */
export function accepted(command: FetcherCommand): CommandAccepted {
  return {
    commandId: command.commandId,
    type: command.type,
    intervalSeconds: command.intervalSeconds,
    issuedAt: new Date(command.issuedAt).toISOString(),
  };
}

/** POST /start, /stop and /fetch: each writes one FetcherCommand to the commands topic. */
export function commandRoutes(deps: CommandRoutesDeps): Router<AppState> {
  const router = new Router<AppState>();
  const guard = [
    sameOriginOnly(deps.allowedOrigins),
    bearerAuth(deps.apiToken),
    jsonBody(),
  ] as const;

  const handler =
    (type: CommandType, read: (body: unknown) => number | null): RouterMiddleware<AppState> =>
    async (ctx) => {
      const command = await deps.commands.publish({
        type,
        intervalSeconds: read(ctx.state.body),
        requestedBy: ctx.ip || null,
      });
      ctx.state.log.info({ commandId: command.commandId, type }, 'command produced');
      ctx.status = 202;
      ctx.body = accepted(command);
    };

  router.post(
    '/start',
    ...guard,
    handler('START', (body) => parseBody(startBody, body).intervalSeconds ?? null),
  );
  router.post(
    '/stop',
    ...guard,
    handler('STOP', (body) => (parseBody(emptyBody, body), null)),
  );
  router.post(
    '/fetch',
    ...guard,
    handler('FETCH_NOW', (body) => (parseBody(emptyBody, body), null)),
  );
  return router;
}
