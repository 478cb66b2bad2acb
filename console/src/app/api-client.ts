import type {
  CommandAccepted,
  LaureateView,
  PrizePage,
  PrizeView,
  ReadinessBody,
  RunList,
} from '@nobel-pipeline/schemas';
import { getJson, postJson, type Fetch } from '../api/http';
import { PATHS } from '../api/paths';
import type { ApiResult } from '../api/result';
import type { ConsoleStatus } from '../api/status';

/** Every request the console makes, on the page's own origin. */
export interface ApiClient {
  status(signal: AbortSignal): Promise<ApiResult<ConsoleStatus>>;
  readiness(signal: AbortSignal): Promise<ApiResult<ReadinessBody>>;
  runs(signal: AbortSignal): Promise<ApiResult<RunList>>;
  prizes(path: string, signal: AbortSignal): Promise<ApiResult<PrizePage>>;
  prize(id: string, signal: AbortSignal): Promise<ApiResult<PrizeView>>;
  laureate(id: string, signal: AbortSignal): Promise<ApiResult<LaureateView>>;
  command(path: string, body: unknown, token: string): Promise<ApiResult<CommandAccepted>>;
}

/** /readyz answers 503 with the same body when something is down: an answer, not an error. */
const READINESS_STATUSES = [200, 503];

export function createApiClient(fetchFn: Fetch): ApiClient {
  return {
    status: (signal) => getJson(fetchFn, PATHS.status, { signal }),
    readiness: (signal) =>
      getJson(fetchFn, PATHS.readyz, { signal, okStatuses: READINESS_STATUSES }),
    runs: (signal) => getJson(fetchFn, PATHS.runs, { signal }),
    prizes: (path, signal) => getJson(fetchFn, path, { signal }),
    prize: (id, signal) => getJson(fetchFn, PATHS.prize(id), { signal }),
    laureate: (id, signal) => getJson(fetchFn, PATHS.laureate(id), { signal }),
    command: (path, body, token) => postJson(fetchFn, path, body, token, [202]),
  };
}
