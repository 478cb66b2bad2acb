import { readFileSync, writeFileSync } from 'node:fs';
import {
  DEFAULT_SNAPSHOTS,
  FIRST_YEAR,
  hasDefaultSnapshot,
  LAST_YEAR,
  loadSnapshot,
  MAX_SCALE,
  yearShift,
} from '@nobel-pipeline/nobel-mirror';
import { CATEGORY_CODES, laureatePage, prizePage, runList } from '@nobel-pipeline/schemas';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage, wholeArgument } from '@nobel-pipeline/common';
import {
  caughtUp,
  createTestKafka,
  loadTestConfig,
  metricValue,
  percentile,
  ROOT,
  seededRandom,
  startPipelineProcesses,
  startService,
  timeRequests,
  waitFor,
  type PipelineProcesses,
} from '@nobel-pipeline/test-utils';

/**
 * How the pipeline's costs grow with the source: the whole pipeline as users run it (the
 * mirror, ingest-api, fetcher and sink as processes of their own, on the stack) against the
 * recorded snapshot served K times over (`nobel-mirror --scale K`: 670·K prizes, 992·K
 * laureates, all distinct and valid). For each K, from `POST /start`:
 *
 * - the fetcher's full run, publishing included (fetcher_run_duration_seconds: reading,
 *   mapping, the transaction and its commit) and the fetcher's peak resident memory (VmHWM of
 *   /proc/<pid>/status, Linux);
 * - the sink's time to store everything after the run's transaction committed (until its group
 *   has committed the end of both topics), and end to end: `POST /start` → all stored;
 * - the time a new fetcher owner needs to restore its state — the desired state from the
 *   commands and the published hashes from the compacted topics (fetcher_state_restore_seconds
 *   of a fetcher started after the first one stopped);
 * - `GET /prizes` latency with filters on the full tables (p50/p99, one client).
 *
 * Then, between consecutive scales, the growth exponent of each figure: log(ratio of the
 * figures) / log(ratio of the scales) — 1 is linear, below 1 grows slower than the source.
 *
 *   npm run bench:pipeline [-- --scales 1,10,72] [--requests 200] [--json <file>]
 *
 * Needs the stack (`npm run stack:up`) and the recorded snapshots (../shared/nobel-api);
 * every topic and database it makes is its own, and dropped (its consumer groups and registry
 * subjects, named after its topics, stay, as the tests' do).
 */

const PAGE = 25;

interface ScaleFigures {
  scale: number;
  prizes: number;
  laureates: number;
  fetchRunSeconds: number;
  fetcherPeakRssMiB: number | null;
  sinkAfterRunSeconds: number;
  endToEndSeconds: number;
  hashRebuildSeconds: number;
  restoredHashes: number;
  prizesLatencyMs: Record<string, { p50: number; p99: number }>;
}

/** Peak resident memory of a process, in MiB: VmHWM (Linux); null where there is no /proc. */
function peakRssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

/** A JSON answer of the read API, checked against its contract. */
async function getJson<T>(url: string, contract: { parse(body: unknown): T }): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return contract.parse(await response.json());
}

/**
 * Waits for `done`, failing at once — not at the timeout — when a service exits or `failure`
 * says the pipeline went wrong (a FAILED run, say).
 */
async function until(
  pipeline: PipelineProcesses,
  description: string,
  done: () => Promise<boolean>,
  failure: () => Promise<string | undefined> = async () => undefined,
): Promise<void> {
  let failed: string | undefined;
  await waitFor(
    async () => {
      for (const [name, service] of pipeline.running)
        if (service.exited()) failed = `${name} exited:\n${service.output().slice(-2000)}`;
      failed ??= await failure();
      return failed !== undefined || (await done());
    },
    { timeoutMs: 900_000, intervalMs: 100, description },
  );
  if (failed !== undefined) throw new Error(`waiting for ${description}: ${failed}`);
}

async function measureScale(
  scale: number,
  requests: number,
  recorded: number,
): Promise<ScaleFigures> {
  const kafka = createTestKafka(loadTestConfig().kafka);
  const pipeline: PipelineProcesses = await startPipelineProcesses(
    `bench-scale-${scale}`,
    {
      LOG_LEVEL: 'warn',
      // The conditions printed, whatever .env says: pages of 25, no token, one run only.
      NOBEL_PAGE_SIZE: String(PAGE),
      API_TOKEN: '',
      FETCH_INTERVAL_SECONDS: '86400',
      NOBEL_MAX_RECORDS: String(1_000 * 1_000),
    },
    { mirrorArgs: ['--scale', String(scale)] },
  );
  const { api, topics } = pipeline;
  const served = recorded * scale;
  try {
    const started = Date.now();
    const response = await fetch(`${api}/start`, { method: 'POST' });
    if (response.status !== 202) throw new Error(`POST /start: HTTP ${response.status}`);

    // The run: its FetchRun stored (the sink writes it from the fetch-runs topic).
    const lastRun = async () => (await getJson(`${api}/runs?limit=1`, runList)).items[0];
    await until(
      pipeline,
      'the FetchRun of the run',
      async () => (await lastRun()) !== undefined,
      async () => {
        const run = await lastRun();
        return run === undefined || run.outcome === 'SUCCEEDED'
          ? undefined
          : `the run ended ${run.outcome}: ${run.error ?? ''}`;
      },
    );
    const run = await lastRun();
    if (run === undefined) throw new Error('no FetchRun');
    if (run.outcome !== 'SUCCEEDED')
      throw new Error(`the run ended ${run.outcome}: ${run.error ?? ''}`);
    const first = pipeline.running.get('fetcher');
    const fetcherPeak = peakRssMiB(first?.process.pid);
    // The run's duration as the fetcher measures it: reading, publishing and its commit (the
    // FetchRun's finishedAt is taken before publishing, as it travels in the transaction). The
    // fetcher observes it once the commit has returned: it may come just after the FetchRun.
    const fetcherMetrics = `${pipeline.fetcherUrl}/metrics`;
    const runDuration = () => metricValue(fetcherMetrics, 'fetcher_run_duration_seconds_sum');
    await until(
      pipeline,
      "the fetcher's run duration",
      async () => !Number.isNaN(await runDuration()),
    );
    const runSeconds = await runDuration();
    const committedAt = Date.parse(run.startedAt) + runSeconds * 1000;
    // Everything stored: the sink's group has committed the end of both topics.
    await until(pipeline, 'the sink to store every event', () =>
      caughtUp(kafka, pipeline.sinkGroup, [topics.prizes, topics.laureates]),
    );
    const stored = Date.now();
    const prizes = (await getJson(`${api}/prizes?limit=1`, prizePage)).total;
    const laureates = (await getJson(`${api}/laureates?limit=1`, laureatePage)).total;
    if (prizes !== served || prizes !== run.prizesSeen)
      throw new Error(`${prizes} prizes stored, ${run.prizesSeen} fetched, ${served} served`);

    // A new owner: the first fetcher stops (it leaves the group), another restores the state.
    await first?.stop();
    const successor = await startService({
      main: resolve(ROOT, 'fetcher', 'dist', 'main.js'),
      env: pipeline.env,
      readyUrl: `${pipeline.fetcherUrl}/healthz`,
    });
    pipeline.running.set('fetcher', successor);
    const restoreSeconds = () => metricValue(fetcherMetrics, 'fetcher_state_restore_seconds');
    await until(pipeline, 'the new fetcher to restore its state', async () => {
      const seconds = await restoreSeconds();
      return !Number.isNaN(seconds) && seconds > 0;
    });
    const hashRebuildSeconds = await restoreSeconds();
    const restoredHashes = await metricValue(fetcherMetrics, 'fetcher_state_restored_hashes');

    // GET /prizes with filters on the full tables; years within the scaled source's: a real
    // award year moved as one of the K copies is.
    const random = seededRandom(7);
    const pick = (n: number) => Math.floor(random() * n);
    const kinds: [string, () => string][] = [
      ['a page at a random offset', () => `/prizes?limit=${PAGE}&offset=${pick(prizes)}`],
      [
        'year range (10 years) and a category',
        () => {
          const year = FIRST_YEAR + pick(LAST_YEAR - FIRST_YEAR + 1) + yearShift(pick(scale));
          const category = CATEGORY_CODES[pick(CATEGORY_CODES.length)] ?? 'phy';
          return `/prizes?year=${year}&yearTo=${Math.min(year + 10, 9999)}&category=${category}&limit=${PAGE}`;
        },
      ],
      ['a laureate by part of a name', () => `/prizes?laureate=curie&limit=${PAGE}`],
    ];
    const prizesLatencyMs: ScaleFigures['prizesLatencyMs'] = {};
    for (const [label, path] of kinds) {
      const times = await timeRequests(() => `${api}${path()}`, requests);
      prizesLatencyMs[label] = { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
    }

    return {
      scale,
      prizes,
      laureates,
      fetchRunSeconds: runSeconds,
      fetcherPeakRssMiB: fetcherPeak,
      sinkAfterRunSeconds: Math.max(0, stored - committedAt) / 1000,
      endToEndSeconds: (stored - started) / 1000,
      hashRebuildSeconds,
      restoredHashes,
      prizesLatencyMs,
    };
  } finally {
    // The processes stop, the database and the topics go (startPipelineProcesses' stop).
    await pipeline.stop();
  }
}

/** log(b/a) / log(K2/K1): 1 grows as the source does, below 1 slower, above 1 faster. */
const exponent = (a: number, b: number, k1: number, k2: number) =>
  Math.log(b / a) / Math.log(k2 / k1);

function growthWord(e: number): string {
  if (!Number.isFinite(e)) return '-';
  if (e > 1.15) return `${e.toFixed(2)} (faster than the source)`;
  if (e < 0) return `${e.toFixed(2)} (falls)`;
  if (e < 0.85) return `${e.toFixed(2)} (slower than the source)`;
  return `${e.toFixed(2)} (linear)`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: '1,10,72' },
      requests: { type: 'string', default: '200' },
      json: { type: 'string' },
    },
  });
  const scales = values.scales
    .split(',')
    .map((k) => wholeArgument('--scales', k.trim(), 1, MAX_SCALE));
  const requests = wholeArgument('--requests', values.requests, 1, 100_000);
  if (!hasDefaultSnapshot('nobelPrizes') || !hasDefaultSnapshot('laureates')) {
    const skipped = `the recorded snapshots are absent: ${DEFAULT_SNAPSHOTS.nobelPrizes} (they live in ../shared/nobel-api beside the repository)`;
    process.stdout.write(`Pipeline cost benchmark skipped: ${skipped}\n`);
    if (values.json !== undefined) writeFileSync(values.json, JSON.stringify({ skipped }));
    return;
  }

  const recorded = loadSnapshot(DEFAULT_SNAPSHOTS.nobelPrizes, 'nobelPrizes').length;
  const figures: ScaleFigures[] = [];
  for (const scale of scales) {
    process.stdout.write(
      `scale ${scale}: ${(recorded * scale).toLocaleString('en-US')} prizes...\n`,
    );
    figures.push(await measureScale(scale, requests, recorded));
  }

  const rows: [string, (f: ScaleFigures) => number | null, string][] = [
    ["fetcher's full run, publishing included (s)", (f) => f.fetchRunSeconds, 's'],
    ["fetcher's peak RSS (MiB)", (f) => f.fetcherPeakRssMiB, 'MiB'],
    ['state restore by a new owner (s)', (f) => f.hashRebuildSeconds, 's'],
    ['sink, after the run committed (s)', (f) => f.sinkAfterRunSeconds, 's'],
    ['end to end: POST /start → all stored (s)', (f) => f.endToEndSeconds, 's'],
    ...Object.keys(figures[0]?.prizesLatencyMs ?? {}).flatMap(
      (kind): [string, (f: ScaleFigures) => number | null, string][] => [
        [`GET /prizes, ${kind}: p50 (ms)`, (f) => f.prizesLatencyMs[kind]?.p50 ?? null, 'ms'],
        [`GET /prizes, ${kind}: p99 (ms)`, (f) => f.prizesLatencyMs[kind]?.p99 ?? null, 'ms'],
      ],
    ),
  ];
  const header = ['', ...figures.map((f) => `×${f.scale}`)];
  const pairs = figures.slice(1).map((f, i) => [figures[i], f] as const);
  for (const [a, b] of pairs) if (a !== undefined) header.push(`growth ×${a.scale}→×${b.scale}`);
  const table: string[][] = [
    header,
    ['prizes', ...figures.map((f) => f.prizes.toLocaleString('en-US'))],
    ['laureates', ...figures.map((f) => f.laureates.toLocaleString('en-US'))],
  ];
  const growth: Record<string, number[]> = {};
  for (const [label, value] of rows) {
    const shown = (v: number | null) => (v === null ? '-' : v.toFixed(v < 10 ? 2 : 0));
    const line = [label, ...figures.map((f) => shown(value(f)))];
    growth[label] = [];
    for (const [a, b] of pairs) {
      const va = a === undefined ? null : value(a);
      const vb = value(b);
      const e =
        a === undefined || va === null || vb === null ? NaN : exponent(va, vb, a.scale, b.scale);
      growth[label]?.push(e);
      line.push(growthWord(e));
    }
    table.push(line);
  }
  const widths = header.map((_, c) => Math.max(...table.map((r) => (r[c] ?? '').length)));
  process.stdout.write(
    `\nPipeline cost by source size: the recorded snapshot × K (nobel-mirror --scale K), page size ${PAGE}, ` +
      `the mirror, ingest-api, fetcher and sink as processes of their own; ${cpus().length} cores, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${requests} GET /prizes per kind, one client\n\n`,
  );
  for (const row of table)
    process.stdout.write(
      `  ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ')}\n`,
    );
  process.stdout.write(
    '\n  growth: log(figure ratio) / log(scale ratio) between two scales — 1 is linear.\n\n',
  );
  if (values.json !== undefined)
    writeFileSync(
      values.json,
      JSON.stringify({ pageSize: PAGE, requests, figures, growth }, null, 2),
    );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? errorMessage(error)) : String(error)}\n`,
  );
  process.exit(1);
});
