import * as mariadb from 'mariadb';
import { errorMessage, type DbConfig } from '@nobel-pipeline/common';

/** The tables a replay writes (db/src/migrations/0001-create-tables.ts), counted around it. */
export const COUNTED_TABLES = ['prizes', 'laureates', 'prize_laureates', 'fetch_runs'] as const;
export type CountedTable = (typeof COUNTED_TABLES)[number];
export type RowCounts = Record<CountedTable, number>;

export type RowCountsResult = { ok: true; counts: RowCounts } | { ok: false; reason: string };

/** What counting needs of a connection: one query, then the end. */
export interface CountConnection {
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

export interface CountRowsDeps {
  /** The read-only account (DB_API_USER); an empty password means DB_API_PASSWORD is unset. */
  db: DbConfig;
  connectTimeoutMs: number;
  connect?: (config: mariadb.ConnectionConfig) => Promise<CountConnection>;
}

const COUNT_SQL = `SELECT ${COUNTED_TABLES.map((t) => `(SELECT COUNT(*) FROM \`${t}\`) AS \`${t}\``).join(', ')}`;

/** Reads the counts of one row of answer; undefined if it is not what was asked. */
function toCounts(answer: unknown): RowCounts | undefined {
  const row: unknown = Array.isArray(answer) ? answer[0] : undefined;
  if (typeof row !== 'object' || row === null) return undefined;
  const count = (table: CountedTable): number => {
    // COUNT(*) comes back as a BigInt (a number with bigIntAsNumber).
    const value: unknown = Reflect.get(row, table);
    return typeof value === 'bigint' || typeof value === 'number' ? Number(value) : NaN;
  };
  const counts: RowCounts = {
    prizes: count('prizes'),
    laureates: count('laureates'),
    prize_laureates: count('prize_laureates'),
    fetch_runs: count('fetch_runs'),
  };
  return Object.values(counts).every((n) => Number.isSafeInteger(n)) ? counts : undefined;
}

/**
 * The rows of the tables a replay writes, or why they cannot be read: a replay goes on without
 * them (the database is the sink's business, the CLI only looks).
 */
export async function countRows(deps: CountRowsDeps): Promise<RowCountsResult> {
  const { db } = deps;
  if (db.password === '') return { ok: false, reason: 'DB_API_PASSWORD is not set' };
  const connect = deps.connect ?? mariadb.createConnection;
  let conn: CountConnection;
  try {
    conn = await connect({
      host: db.host,
      port: db.port,
      user: db.user,
      password: db.password,
      database: db.database,
      connectTimeout: deps.connectTimeoutMs,
    });
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
  try {
    const counts = toCounts(await conn.query(COUNT_SQL));
    return counts === undefined
      ? { ok: false, reason: 'the database answered something other than counts' }
      : { ok: true, counts };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/** "prizes 670, laureates 992, …" or "prizes 670 → 671, …". */
export function describeCounts(before: RowCounts, after?: RowCounts): string {
  return COUNTED_TABLES.map(
    (t) => `${t} ${before[t]}${after === undefined ? '' : ` → ${after[t]}`}`,
  ).join(', ');
}
