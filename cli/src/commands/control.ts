import type { Command } from 'commander';
import type { CliDeps } from '../deps';
import { UsageError } from '../errors';
import { INTERVAL_SECONDS } from '@nobel-pipeline/schemas';

/** A whole number of seconds within the command's bounds (the same as ingest-api's). */
export function parseInterval(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < INTERVAL_SECONDS.min || n > INTERVAL_SECONDS.max)
    throw new UsageError(
      `--interval: expected a whole number of seconds from ${INTERVAL_SECONDS.min} to ${INTERVAL_SECONDS.max}, got "${value}"`,
    );
  return n;
}

async function send(
  deps: CliDeps,
  type: 'start' | 'stop' | 'fetch',
  json: boolean,
  intervalSeconds?: number,
): Promise<void> {
  const accepted = await deps.api.command(type, intervalSeconds);
  deps.out.line(
    json
      ? JSON.stringify(accepted)
      : `${accepted.type} accepted: command ${accepted.commandId}${accepted.intervalSeconds === null ? '' : `, every ${accepted.intervalSeconds} s`} (issued ${accepted.issuedAt})`,
  );
}

/** nobel start | stop | fetch: the POST endpoints, with API_TOKEN when set. */
export function registerControl(program: Command, deps: CliDeps): void {
  program
    .command('start')
    .description('start polling: run now, then every --interval seconds')
    .option(
      '--interval <seconds>',
      "seconds between runs (default: the fetcher's FETCH_INTERVAL_SECONDS)",
    )
    .option('--json', 'print the accepted command as JSON')
    .action(async (options: { interval?: string; json?: boolean }) =>
      send(
        deps,
        'start',
        options.json === true,
        options.interval === undefined ? undefined : parseInterval(options.interval),
      ),
    );
  program
    .command('stop')
    .description('stop polling: abort a run in flight, schedule nothing more')
    .option('--json', 'print the accepted command as JSON')
    .action(async (options: { json?: boolean }) => send(deps, 'stop', options.json === true));
  program
    .command('fetch')
    .description('one run now, whatever the state')
    .option('--json', 'print the accepted command as JSON')
    .action(async (options: { json?: boolean }) => send(deps, 'fetch', options.json === true));
}
