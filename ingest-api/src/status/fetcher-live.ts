import { errorMessage } from '@nobel-pipeline/common';
import { fetcherStatus, type RunInFlight } from '@nobel-pipeline/schemas';

/** What the active fetcher says of its run in flight and its next run. */
export type FetcherLive =
  { running: RunInFlight | null; nextRunAt: string | null } | { error: string };

export interface FetcherLiveDeps {
  /** The fetchers' health servers (FETCHER_URLS): each answers GET /status. */
  urls: readonly string[];
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Asks every fetcher in FETCHER_URLS for its GET /status and answers with the active one's run
 * in flight and next run. When none of those that answer is active, or none answers, it says
 * so in words: the active fetcher may be one FETCHER_URLS does not name. A body that is not a fetcher's status is an error, never
 * passed on.
 */
export function createFetcherLive(deps: FetcherLiveDeps): () => Promise<FetcherLive> {
  const timeoutMs = deps.timeoutMs ?? 1500;
  const get = deps.fetch ?? fetch;

  async function ask(url: string) {
    let response: Response;
    try {
      response = await get(`${url}/status`, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      // fetch says only "fetch failed": the reason (ECONNREFUSED, a timeout…) is its cause.
      const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
      throw new Error(`GET ${url}/status: ${errorMessage(cause)}`);
    }
    if (!response.ok) throw new Error(`GET ${url}/status answered ${response.status}`);
    const parsed = fetcherStatus.safeParse(await response.json());
    if (!parsed.success) throw new Error(`GET ${url}/status did not answer a fetcher's status`);
    return parsed.data;
  }

  return async function live(): Promise<FetcherLive> {
    const answers = await Promise.allSettled(deps.urls.map(ask));
    const statuses = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const active = statuses.find((s) => s.active);
    if (active !== undefined) return { running: active.running, nextRunAt: active.nextRunAt };
    // Those that answered stand by: the active one (if any) is not among FETCHER_URLS, and
    // whether it runs is not known — never "idle".
    if (statuses.length > 0)
      return {
        error: `none of the ${statuses.length} fetcher(s) that answered is the active one (is it among FETCHER_URLS?)`,
      };
    const reasons = answers.map((a) => (a.status === 'rejected' ? errorMessage(a.reason) : ''));
    return { error: `no fetcher answered: ${reasons.join('; ')}` };
  };
}
