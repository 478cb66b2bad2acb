import { connectAsApp } from '@nobel-pipeline/test-utils';
import type { DbConfig } from '@nobel-pipeline/common';
import type { StoredRows } from './checksum';

export interface StoredTables {
  prizes: StoredRows;
  laureates: StoredRows;
  runs: Set<string>;
  /** fetch_runs' intervals, for the check that no two runs overlapped. */
  runIntervals: { runId: string; startedAt: number; finishedAt: number; outcome: string }[];
}

/** The keys and content hashes of the checked tables, as one consistent read. */
export async function readStoredTables(db: DbConfig): Promise<StoredTables> {
  const conn = await connectAsApp(db);
  try {
    await conn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
    // The driver's rows are plain objects with the selected columns.
    const prizes = (await conn.query('SELECT id, content_hash AS hash FROM prizes')) as {
      id: string;
      hash: string;
    }[];
    const links = (await conn.query(
      'SELECT prize_id AS id, COUNT(*) AS n FROM prize_laureates GROUP BY prize_id',
    )) as { id: string; n: bigint | number }[];
    const laureates = (await conn.query(
      'SELECT id, content_hash AS hash FROM laureate_details',
    )) as { id: string; hash: string }[];
    const runs = (await conn.query(
      'SELECT run_id AS runId, outcome, UNIX_TIMESTAMP(started_at) * 1000 AS startedAt, UNIX_TIMESTAMP(finished_at) * 1000 AS finishedAt FROM fetch_runs ORDER BY started_at',
    )) as { runId: string; outcome: string; startedAt: unknown; finishedAt: unknown }[];
    await conn.query('COMMIT');
    return {
      prizes: {
        hashes: new Map(prizes.map((p) => [p.id, p.hash])),
        links: new Map(links.map((l) => [l.id, Number(l.n)])),
      },
      laureates: { hashes: new Map(laureates.map((l) => [l.id, l.hash])) },
      runs: new Set(runs.map((r) => r.runId)),
      runIntervals: runs.map((r) => ({
        runId: r.runId,
        outcome: r.outcome,
        startedAt: Math.round(Number(r.startedAt)),
        finishedAt: Math.round(Number(r.finishedAt)),
      })),
    };
  } finally {
    await conn.end();
  }
}
