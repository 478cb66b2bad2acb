import type { DbConfig } from '@nobel-pipeline/common';
import { countRows, describeCounts, type CountConnection } from './row-counts';

const db: DbConfig = {
  host: 'h',
  port: 3306,
  database: 'nobel',
  user: 'nobel_api',
  password: 'pw',
};

function connection(answer: unknown): CountConnection & { sql: string[]; ended: boolean } {
  const conn = {
    sql: [] as string[],
    ended: false,
    query: async (sql: string) => {
      conn.sql.push(sql);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    end: async () => {
      conn.ended = true;
    },
  };
  return conn;
}

describe('countRows', () => {
  it('counts the four tables in one query as the read-only account', async () => {
    const conn = connection([
      { prizes: 670n, laureates: 992n, prize_laureates: 1000n, fetch_runs: 3n },
    ]);
    const connect = jest.fn(async () => conn);
    await expect(countRows({ db, connectTimeoutMs: 50, connect })).resolves.toEqual({
      ok: true,
      counts: { prizes: 670, laureates: 992, prize_laureates: 1000, fetch_runs: 3 },
    });
    expect(connect).toHaveBeenCalledWith(
      expect.objectContaining({ user: 'nobel_api', database: 'nobel', connectTimeout: 50 }),
    );
    expect(conn.sql[0]).toBe(
      'SELECT (SELECT COUNT(*) FROM `prizes`) AS `prizes`, (SELECT COUNT(*) FROM `laureates`) AS `laureates`, (SELECT COUNT(*) FROM `prize_laureates`) AS `prize_laureates`, (SELECT COUNT(*) FROM `fetch_runs`) AS `fetch_runs`',
    );
    expect(conn.ended).toBe(true);
  });

  it('says why when there is no password, no connection or no table', async () => {
    const connect = jest.fn();
    await expect(
      countRows({ db: { ...db, password: '' }, connectTimeoutMs: 1, connect }),
    ).resolves.toEqual({
      ok: false,
      reason: 'DB_API_PASSWORD is not set',
    });
    expect(connect).not.toHaveBeenCalled();
    await expect(
      countRows({
        db,
        connectTimeoutMs: 1,
        connect: async () => Promise.reject(new Error('connect ECONNREFUSED')),
      }),
    ).resolves.toEqual({ ok: false, reason: 'connect ECONNREFUSED' });
    const conn = connection(new Error("Table 'nobel.prizes' doesn't exist"));
    await expect(
      countRows({ db, connectTimeoutMs: 1, connect: async () => conn }),
    ).resolves.toEqual({
      ok: false,
      reason: "Table 'nobel.prizes' doesn't exist",
    });
    expect(conn.ended).toBe(true);
  });

  it('refuses an answer that is not four counts', async () => {
    const conn = connection([{ prizes: 1n }]);
    await expect(
      countRows({ db, connectTimeoutMs: 1, connect: async () => conn }),
    ).resolves.toEqual({
      ok: false,
      reason: 'the database answered something other than counts',
    });
  });
});

it('describes counts, and their change', () => {
  const before = { prizes: 1, laureates: 2, prize_laureates: 3, fetch_runs: 4 };
  expect(describeCounts(before)).toBe('prizes 1, laureates 2, prize_laureates 3, fetch_runs 4');
  expect(describeCounts(before, { ...before, prizes: 5 })).toBe(
    'prizes 1 → 5, laureates 2 → 2, prize_laureates 3 → 3, fetch_runs 4 → 4',
  );
});
