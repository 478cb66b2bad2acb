import Router, { type RouterMiddleware } from '@koa/router';
import type { PrizeReader } from '@nobel-pipeline/db';
import type {
  LaureatePage,
  LaureateView,
  PrizePage,
  PrizeView,
  RunList,
} from '@nobel-pipeline/schemas';
import type { DatabaseGate } from '../database/database-gate';
import { HttpError } from '../errors';
import type { AppState } from '../http/state';
import type { StatusService } from '../status/service';
import { laureateQuery, parseQuery, prizeQuery, runsQuery } from './query';

export interface ReadRoutesDeps {
  reader: PrizeReader;
  status: StatusService;
  database: DatabaseGate;
}

class NotFoundError extends HttpError {
  constructor(what: string) {
    super(404, 'not_found', `No ${what}`);
  }
}

const ID = /^[A-Za-z0-9._-]{1,64}$/;

/** What the pipeline has persisted, read from MariaDB with the sink's own models. */
export function readRoutes(deps: ReadRoutesDeps): Router<AppState> {
  const router = new Router<AppState>();
  // 503 with the reason, never a 500, while the database is not migrated or not reachable:
  // each handler validates its input, then asks the gate, then reads.
  const database = deps.database.middleware();
  const ready = () => deps.database.assertReady();

  const listPrizes: RouterMiddleware<AppState> = async (ctx) => {
    const query = parseQuery(prizeQuery, ctx.query);
    await ready();
    const { total, items } = await deps.reader.list(query);
    const page: PrizePage = { total, limit: query.limit, offset: query.offset, items };
    ctx.body = page;
  };
  router.get('/', database, listPrizes);
  router.get('/prizes', database, listPrizes);

  router.get('/prizes/:id', database, async (ctx) => {
    const id = ctx.params.id ?? '';
    await ready();
    const prize: PrizeView | undefined = ID.test(id) ? await deps.reader.get(id) : undefined;
    if (prize === undefined) throw new NotFoundError(`prize ${id}`);
    ctx.body = prize;
  });

  router.get('/laureates', database, async (ctx) => {
    const query = parseQuery(laureateQuery, ctx.query);
    await ready();
    const { total, items } = await deps.reader.laureates(query);
    const page: LaureatePage = { total, limit: query.limit, offset: query.offset, items };
    ctx.body = page;
  });

  router.get('/laureates/:id', database, async (ctx) => {
    const id = ctx.params.id ?? '';
    await ready();
    const laureate: LaureateView | undefined = ID.test(id)
      ? await deps.reader.laureate(id)
      : undefined;
    if (laureate === undefined) throw new NotFoundError(`laureate ${id}`);
    ctx.body = laureate;
  });

  router.get('/runs', database, async (ctx) => {
    const { limit } = parseQuery(runsQuery, ctx.query);
    await ready();
    const runs: RunList = { items: await deps.reader.runs(limit) };
    ctx.body = runs;
  });

  router.get('/status', async (ctx) => {
    ctx.body = await deps.status();
  });

  return router;
}
