import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { QueryTypes } from 'sequelize';
import { wholeArgument } from '@nobel-pipeline/common';
import {
  createPrizeWriter,
  createSequelize,
  defineModels,
  migrate,
  prizeRows,
} from '@nobel-pipeline/db';
import {
  createTestDatabase,
  freePort,
  loadTestConfig,
  percentile,
  seededRandom,
  startService,
  syntheticPrizes,
  timeRequests,
} from '@nobel-pipeline/test-utils';

/**
 * The read API's latency on full tables:
 *
 *   npm run bench:read [-- --prizes 50000] [--requests 300] [--json <file>]
 *
 * Fills a database of its own with `--prizes` synthetic prize events (1–3 laureates each,
 * through the sink's writer, so every table the reads use is as the sink leaves it), starts
 * ingest-api on it, and sends `--requests` requests of each kind below one after the other
 * (one client), with the parameters varying: p50, p99 and max per kind. Needs the stack
 * (`npm run stack:up`); drops its database at the end.
 */

const PAGE = 25;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      prizes: { type: 'string', default: '50000' },
      requests: { type: 'string', default: '300' },
      /** Where to write the figures as JSON too (`npm run bench` collects them). */
      json: { type: 'string' },
    },
  });
  const n = wholeArgument('--prizes', values.prizes, 1, 2_000_000);
  const requests = wholeArgument('--requests', values.requests, 1, 100_000);
  // A database of its own (`<DB_NAME>_test_*`, as the tests'), migrated, dropped at the end.
  const database = await createTestDatabase(loadTestConfig().db);
  const sequelize = createSequelize({ config: database.config });
  let api: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    await migrate(sequelize);
    const writer = createPrizeWriter(sequelize, defineModels(sequelize));
    const filling = Date.now();
    for (let offset = 0; offset < n; offset += 2000) {
      const events = syntheticPrizes(Math.min(2000, n - offset), { seed: offset + 1, offset });
      const now = new Date();
      await writer.write({ prizes: events.map((e) => prizeRows(e, now)), runs: [] });
    }
    const [counts] = await sequelize.query<{ laureates: number; entries: number; v: string }>(
      `SELECT (SELECT COUNT(*) FROM laureate_directory) AS laureates,
              (SELECT COUNT(*) FROM prize_laureates) AS entries, VERSION() AS v`,
      { type: QueryTypes.SELECT },
    );
    const laureates = Number(counts?.laureates);
    const filled = (Date.now() - filling) / 1000;

    const port = await freePort();
    api = await startService({
      main: resolve(__dirname, '..', 'main.js'),
      env: { HTTP_PORT: String(port), DB_NAME: database.config.database, LOG_LEVEL: 'error' },
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    });
    const base = `http://127.0.0.1:${port}`;
    const next = seededRandom(7);
    const pick = (max: number) => Math.floor(next() * max);
    // Synthetic prizes: `<code>-<year>`, years 1000–9999 per code; laureates from 100000.
    const prizeIds = await sequelize.query<{ id: string }>('SELECT id FROM prizes', {
      type: QueryTypes.SELECT,
    });
    const laureateIds = await sequelize.query<{ id: string }>('SELECT id FROM laureate_directory', {
      type: QueryTypes.SELECT,
    });
    /** A page of a list over ten award years from a random one. */
    const yearRange = (list: string) => {
      const year = 1000 + pick(Math.min(n, 9000));
      return `${list}?year=${year}&yearTo=${Math.min(year + 10, 9999)}&limit=${PAGE}`;
    };
    const kinds: [string, () => string][] = [
      ['GET /prizes, a page at a random offset', () => `/prizes?limit=${PAGE}&offset=${pick(n)}`],
      ['GET /prizes?year=Y&yearTo=Y+10', () => yearRange('/prizes')],
      ['GET /prizes?laureate=<part of a name>', () => `/prizes?laureate=${100_000 + pick(3 * n)}`],
      ['GET /prizes/:id', () => `/prizes/${prizeIds[pick(prizeIds.length)]?.id ?? ''}`],
      [
        'GET /laureates, a page at a random offset',
        () => `/laureates?limit=${PAGE}&offset=${pick(laureates)}`,
      ],
      ['GET /laureates?year=Y&yearTo=Y+10', () => yearRange('/laureates')],
      ['GET /laureates?name=<part of a name>', () => `/laureates?name=${100_000 + pick(3 * n)}`],
      ['GET /laureates/:id', () => `/laureates/${laureateIds[pick(laureateIds.length)]?.id ?? ''}`],
    ];

    process.stdout.write(
      `read API latency: ${n.toLocaleString('en-US')} prizes, ${laureates.toLocaleString('en-US')} laureates, ` +
        `${Number(counts?.entries).toLocaleString('en-US')} prize_laureates rows (filled through the sink's writer in ${filled.toFixed(1)} s)\n` +
        `${requests} requests per kind, one client, one after the other, pages of ${PAGE}; ingest-api on ` +
        `Node ${process.version}, MariaDB ${counts?.v ?? '?'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n\n` +
        `  ${'request'.padEnd(44)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}\n`,
    );
    const latencies: Record<string, { p50: number; p99: number; max: number }> = {};
    for (const [label, path] of kinds) {
      const times = await timeRequests(() => `${base}${path()}`, requests);
      latencies[label] = {
        p50: percentile(times, 0.5),
        p99: percentile(times, 0.99),
        max: times[times.length - 1] ?? NaN,
      };
      const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(8);
      process.stdout.write(
        `  ${label.padEnd(44)} ${ms(percentile(times, 0.5))} ${ms(percentile(times, 0.99))} ${ms(times[times.length - 1] ?? NaN)}\n`,
      );
    }
    if (values.json !== undefined)
      writeFileSync(
        values.json,
        JSON.stringify(
          {
            prizes: n,
            laureates,
            requestsPerKind: requests,
            pageSize: PAGE,
            mariadb: counts?.v,
            fillSeconds: filled,
            latencyMs: latencies,
          },
          null,
          2,
        ),
      );
  } finally {
    if (api !== undefined) await api.stop();
    await sequelize.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
