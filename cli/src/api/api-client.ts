import type { CommandAccepted, RunList, StatusBody } from '@nobel-pipeline/schemas';
import { CliError, EXIT, UnavailableError } from '../errors';

/** ingest-api's HTTP API, as the control and status commands use it. */
export interface ApiClient {
  command(type: 'start' | 'stop' | 'fetch', intervalSeconds?: number): Promise<CommandAccepted>;
  status(): Promise<StatusBody>;
  runs(limit: number): Promise<RunList>;
}

export interface ApiClientDeps {
  baseUrl: string;
  token: string | undefined;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface ErrorBody {
  error?: string;
  message?: string;
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const send = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 15_000;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method === 'POST' && deps.token !== undefined)
      headers.authorization = `Bearer ${deps.token}`;
    let response: Response;
    try {
      response = await send(`${deps.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new UnavailableError(`ingest-api at ${deps.baseUrl}`, error);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (response.ok) return parsed as T; // ingest-api's contract (its OpenAPI document) types it
    const { error, message } = (parsed ?? {}) as ErrorBody;
    const said = `${response.status}${error === undefined ? '' : ` ${error}`}: ${message ?? text}`;
    if (response.status === 401)
      throw new CliError(`${said} (set API_TOKEN to ingest-api's token)`, EXIT.failed, {
        code: 'unauthorized',
      });
    if (response.status === 503)
      throw new CliError(said, EXIT.unavailable, { code: error, retriable: true });
    throw new CliError(said, EXIT.failed, { code: error });
  }

  return {
    command: (type, intervalSeconds) =>
      call('POST', `/${type}`, intervalSeconds === undefined ? undefined : { intervalSeconds }),
    status: () => call('GET', '/status'),
    runs: (limit) => call('GET', `/runs?limit=${limit}`),
  };
}
