import Router from '@koa/router';
import type { Context } from 'koa';
import { HttpError } from '../errors';
import type { AppState } from '../http/state';
import type { StaticFile } from './static-files';

/** Where the console is served. */
export const CONSOLE_PATH = '/ui';

/**
 * What the console's pages may do: load their own scripts and styles, and call this service.
 * No inline script, no other origin, no framing (against clickjacking of the controls).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export class ConsoleNotBuiltError extends HttpError {
  constructor() {
    super(
      404,
      'console_not_built',
      'The console is not built: run `npm run build` (or `npm run build -w @nobel-pipeline/console`) and restart ingest-api',
    );
  }
}

export class ConsoleFileNotFoundError extends HttpError {
  constructor(name: string) {
    super(404, 'not_found', `The console has no file ${JSON.stringify(name)}`);
  }
}

function send(ctx: Context, file: StaticFile): void {
  ctx.set('Content-Security-Policy', CONSOLE_CSP);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  // Names are not hashed: the browser asks again each time, and the ETag makes that cheap.
  ctx.set('Cache-Control', 'no-cache');
  ctx.vary('Accept-Encoding');
  const gzip = ctx.acceptsEncodings('gzip', 'identity') === 'gzip';
  // A strong ETag names one representation: the gzipped one has its own.
  const etag = gzip ? `"${file.etag}-gz"` : `"${file.etag}"`;
  ctx.set('ETag', etag);
  if (ctx.get('If-None-Match') === etag) {
    ctx.status = 304;
    return;
  }
  ctx.type = file.type;
  if (gzip) ctx.set('Content-Encoding', 'gzip');
  ctx.body = gzip ? file.gzipped : file.body;
}

/** GET /ui/ (the page) and /ui/<file> (what it loads), from the files read at start. */
export function consoleRoutes(deps: { files: ReadonlyMap<string, StaticFile> }): Router<AppState> {
  // Strict: /ui and /ui/ are two routes (the page's files are named relative to /ui/).
  const router = new Router<AppState>({ strict: true });
  const serve = (ctx: Context, name: string) => {
    const file = deps.files.get(name);
    if (file === undefined) {
      throw deps.files.size === 0 ? new ConsoleNotBuiltError() : new ConsoleFileNotFoundError(name);
    }
    send(ctx, file);
  };
  router.get(CONSOLE_PATH, (ctx) => {
    ctx.status = 308;
    ctx.redirect(`${CONSOLE_PATH}/`);
  });
  router.get(`${CONSOLE_PATH}/`, (ctx) => serve(ctx, 'index.html'));
  router.get(`${CONSOLE_PATH}/:file`, (ctx) => serve(ctx, ctx.params.file ?? ''));
  return router;
}
