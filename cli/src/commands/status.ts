import type { Command } from 'commander';
import { READ_LIMITS, type FetchRunView, type StatusBody } from '@nobel-pipeline/schemas';
import type { CliDeps } from '../deps';
import { UsageError } from '../errors';
import { duration, table } from '../output/table';

const runColumns = [
  { key: 'startedAt', title: 'STARTED' },
  { key: 'trigger', title: 'TRIGGER' },
  { key: 'outcome', title: 'OUTCOME' },
  { key: 'took', title: 'TOOK', align: 'right' },
  { key: 'pages', title: 'PAGES', align: 'right' },
  { key: 'prizesSeen', title: 'SEEN', align: 'right' },
  { key: 'prizesChanged', title: 'CHANGED', align: 'right' },
  { key: 'prizesMissing', title: 'MISSING', align: 'right' },
  { key: 'error', title: 'ERROR' },
] as const;

export function runsTable(runs: readonly FetchRunView[]): string {
  return table(
    runs.map((r) => ({ ...r, took: duration(Date.parse(r.finishedAt) - Date.parse(r.startedAt)) })),
    runColumns,
  );
}

/** GET /status in words: the state, the last run, the next, the sink's lag, the database. */
export function describeStatus(status: StatusBody, now: Date): string {
  const { fetcher, lastRun, nextRunExpectedAt, sink, database, dlq } = status;
  const state =
    fetcher.desiredState === 'STARTED'
      ? `STARTED, every ${fetcher.intervalSeconds ?? '?'} s`
      : fetcher.desiredState === 'UNKNOWN'
        ? 'UNKNOWN (ingest-api has not read the commands topic yet)'
        : 'STOPPED';
  const next =
    nextRunExpectedAt === null
      ? '-'
      : `${nextRunExpectedAt} (${Date.parse(nextRunExpectedAt) >= now.getTime() ? 'in ' : ''}${duration(Math.abs(Date.parse(nextRunExpectedAt) - now.getTime()))}${Date.parse(nextRunExpectedAt) < now.getTime() ? ' ago: due' : ''})`;
  const last =
    lastRun === null
      ? '-'
      : `${lastRun.outcome} ${lastRun.trigger} at ${lastRun.startedAt}, ${duration(Date.parse(lastRun.finishedAt) - Date.parse(lastRun.startedAt))}: ${lastRun.prizesSeen} seen, ${lastRun.prizesChanged} changed${lastRun.error === null ? '' : ` — ${lastRun.error}`}`;
  const lag =
    'error' in sink
      ? `unknown: ${sink.error}`
      : `${sink.totalLag} record(s) behind${sink.lag.length === 0 ? '' : ` (${sink.lag.map((p) => `${p.topic}[${p.partition}] ${p.lag}`).join(', ')})`}`;
  const group = fetcher.instances;
  const owner = 'error' in group ? undefined : group.find((i) => i.active);
  const instances =
    'error' in group
      ? `unknown: ${group.error}`
      : owner === undefined
        ? `none active (${group.length} in the group)`
        : `${owner.memberId} on ${owner.host} active (${group.length} in the group)`;
  const live = fetcher.live;
  const running =
    live === null
      ? 'unknown (FETCHER_URLS not set)'
      : 'error' in live
        ? `unknown: ${live.error}`
        : live.running === null
          ? '-'
          : `${live.running.trigger} since ${live.running.since}, page ${live.running.pagesRead} of ${live.running.pagesTotal ?? '?'}`;
  const dead = 'error' in dlq ? `unknown: ${dlq.error}` : `${dlq.total} record(s)`;
  return [
    `fetcher   ${state}`,
    `instances ${instances}`,
    `running   ${running}`,
    `last run  ${last}`,
    `next run  ${next}`,
    `sink      ${lag}`,
    `database  ${database.status}${database.status === 'ready' ? '' : `: ${database.message}`}`,
    `dlq       ${dead}`,
  ].join('\n');
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > READ_LIMITS.maxLimit)
    throw new UsageError(`--limit: expected 1 to ${READ_LIMITS.maxLimit}, got "${value}"`);
  return n;
}

/** nobel status | runs: GET /status and GET /runs, readable or as JSON. */
export function registerStatus(program: Command, deps: CliDeps): void {
  program
    .command('status')
    .description(
      "the pipeline's state: desired state, last and next run, the sink's lag, the database",
    )
    .option('--json', 'print GET /status as JSON')
    .action(async (options: { json?: boolean }) => {
      const status = await deps.api.status();
      deps.out.line(
        options.json === true ? JSON.stringify(status) : describeStatus(status, new Date()),
      );
    });
  program
    .command('runs')
    .description('the latest fetch runs, newest first')
    .option('--limit <n>', `how many (1 to ${READ_LIMITS.maxLimit})`, '10')
    .option('--json', 'print the runs as JSON lines')
    .action(async (options: { limit: string; json?: boolean }) => {
      const { items } = await deps.api.runs(parseLimit(options.limit));
      if (options.json === true) for (const run of items) deps.out.line(JSON.stringify(run));
      else deps.out.line(items.length === 0 ? 'No run yet.' : runsTable(items));
    });
}
