import type { z } from 'zod';
import {
  commandAccepted,
  runList,
  statusBody,
  type CommandAccepted,
  type RunList,
  type StatusBody,
} from '@nobel-pipeline/schemas';
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

  async function call<T>(
    contract: z.ZodType<T>,
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<T> {
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
    if (response.ok) {
      // ingest-api's contract (schemas/http-api): an answer outside it is said, not trusted.
      const checked = contract.safeParse(parsed);
      if (checked.success) return checked.data;
      throw new CliError(
        `ingest-api at ${deps.baseUrl} answered ${method} ${path} with a body outside its contract: ${checked.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
          .join('; ')}`,
        EXIT.failed,
        { code: 'unexpected_answer' },
      );
    }
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
      call(
        commandAccepted,
        'POST',
        `/${type}`,
        intervalSeconds === undefined ? undefined : { intervalSeconds },
      ),
    status: () => call(statusBody, 'GET', '/status'),
    runs: (limit) => call(runList, 'GET', `/runs?limit=${limit}`),
  };
}
