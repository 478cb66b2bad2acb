import type { Logger } from '@nobel-pipeline/common';

/** What the middleware puts on `ctx.state` for the handlers after it. */
export interface AppState {
  requestId: string;
  log: Logger;
  /** The parsed JSON body, when the route reads one. */
  body?: unknown;
}
