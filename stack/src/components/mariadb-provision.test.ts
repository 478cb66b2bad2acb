import type { Connection } from 'mariadb';
import {
  accountsOf,
  API_PRIVILEGES,
  APP_HOSTS,
  dropApplicationDatabases,
  provision,
  SINK_PRIVILEGES,
  testDatabasePattern,
} from './mariadb-provision';

/** A connection that records statements and answers from a script. */
function fakeConnection(answer: (sql: string, values?: unknown[]) => unknown): {
  conn: Connection;
  sql: string[];
} {
  const sql: string[] = [];
  const conn = {
    query: async (statement: string, values?: unknown[]) => {
      sql.push(statement);
      return answer(statement, values);
    },
    escape: (value: string) => `'${value.replace(/'/g, "''")}'`,
  } as unknown as Connection;
  return { conn, sql };
}

const accounts = accountsOf({
  migrate: { user: 'nobel_migrate', password: 'm' },
  sink: { user: 'nobel_sink', password: 's' },
  api: { user: 'nobel_api', password: 'a' },
});

describe('provision', () => {
  it('creates the database and three accounts per local host, each with the least it needs', async () => {
    const { conn, sql } = fakeConnection((statement) =>
      statement.startsWith('SELECT 1 FROM mysql.') ? [] : { warningStatus: 0 },
    );
    const changes = await provision(conn, 'nobel', accounts);
    expect(changes).toEqual([
      'created database nobel',
      ...['nobel_migrate', 'nobel_sink', 'nobel_api'].flatMap((u) =>
        APP_HOSTS.map((h) => `created user ${u}@${h}`),
      ),
    ]);
    expect(sql[0]).toMatch(/^CREATE DATABASE IF NOT EXISTS `nobel` CHARACTER SET utf8mb4/);
    const grants = sql.filter((s) => s.startsWith('GRANT'));
    expect(grants).toHaveLength(3 * APP_HOSTS.length * 2);
    for (const grant of grants) {
      expect(grant).not.toMatch(/ALL|\*\.\*|GRANT OPTION|SUPER|FILE/);
      expect(grant).toMatch(
        /ON `(nobel|nobel\\_test\\_%)`\.\* TO 'nobel_(migrate|sink|api)'@'(localhost|127\.0\.0\.1|::1)'$/,
      );
    }
    const of = (user: string) => grants.filter((g) => g.includes(`'${user}'@`));
    for (const g of of('nobel_sink')) expect(g).toMatch(`GRANT ${SINK_PRIVILEGES.join(', ')} ON`);
    for (const g of of('nobel_api')) expect(g).toMatch(`GRANT ${API_PRIVILEGES.join(', ')} ON`);
    for (const g of of('nobel_migrate')) expect(g).toMatch(/CREATE, ALTER, INDEX, DROP/);
  });

  it('grants nothing an account already holds, through its own grant or a pattern', async () => {
    const { conn, sql } = fakeConnection((statement, values) =>
      statement.startsWith('SELECT 1 FROM mysql.db') &&
      String(values?.[2]).startsWith('nobel_test_')
        ? [{ 1: 1 }]
        : statement.startsWith('SELECT 1 FROM mysql.user')
          ? [{ 1: 1 }]
          : { warningStatus: 1 },
    );
    await provision(conn, 'nobel_test_abc', accounts);
    expect(sql.filter((s) => s.startsWith('GRANT'))).toEqual([]);
    const checks = sql.filter((s) => s.startsWith('SELECT 1 FROM mysql.db'));
    expect(checks[0]).toMatch(/\? LIKE Db AND Select_priv = 'Y' AND .* AND Lock_tables_priv = 'Y'/);
  });

  it('keeps existing accounts and resets their passwords to the configured ones', async () => {
    const { conn, sql } = fakeConnection((statement) =>
      statement.startsWith('SELECT 1 FROM mysql.user') ? [{ 1: 1 }] : { warningStatus: 1 },
    );
    expect(await provision(conn, 'nobel', accounts)).toEqual([]);
    expect(sql.filter((s) => s.startsWith('ALTER USER'))).toHaveLength(3 * APP_HOSTS.length);
    expect(sql.some((s) => s.startsWith('CREATE USER'))).toBe(false);
  });
});

describe('testDatabasePattern', () => {
  it('escapes the LIKE wildcards of the database name', () => {
    expect(testDatabasePattern('nobel')).toBe('nobel\\_test\\_%');
    expect(testDatabasePattern('my_db')).toBe('my\\_db\\_test\\_%');
  });
});

describe('dropApplicationDatabases', () => {
  it('drops the application database and the test databases it finds', async () => {
    const { conn, sql } = fakeConnection((statement) =>
      statement.startsWith('SELECT SCHEMA_NAME')
        ? [{ name: 'nobel' }, { name: 'nobel_test_1' }]
        : {},
    );
    expect(await dropApplicationDatabases(conn, 'nobel')).toEqual(['nobel', 'nobel_test_1']);
    expect(sql.slice(1)).toEqual(['DROP DATABASE `nobel`', 'DROP DATABASE `nobel_test_1`']);
  });
});
