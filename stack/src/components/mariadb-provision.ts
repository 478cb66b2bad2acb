import type { Connection } from 'mariadb';

/**
 * The application database and its three accounts, each with the least it needs: the
 * migration account changes the schema (and may create and drop the disposable
 * `<database>_test_*` databases the tests use), the sink's reads and writes rows, ingest-api's
 * only reads. None is root, and none has a privilege on anything else.
 */

/** The privileges of the migration account: the schema and the rows. */
export const MIGRATE_PRIVILEGES = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'ALTER',
  'INDEX',
  'DROP',
  'REFERENCES',
  'CREATE VIEW',
  'SHOW VIEW',
  'CREATE TEMPORARY TABLES',
  'LOCK TABLES',
  // The schema's triggers (compose's migration account owns the database outright).
  'TRIGGER',
] as const;

/** The sink's: rows only. */
export const SINK_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;

/** ingest-api's: reading. */
export const API_PRIVILEGES = ['SELECT'] as const;

type Privilege = (typeof MIGRATE_PRIVILEGES)[number];

/** The column of mysql.db that holds each privilege. */
const PRIVILEGE_COLUMNS: Record<Privilege, string> = {
  SELECT: 'Select_priv',
  INSERT: 'Insert_priv',
  UPDATE: 'Update_priv',
  DELETE: 'Delete_priv',
  CREATE: 'Create_priv',
  ALTER: 'Alter_priv',
  INDEX: 'Index_priv',
  DROP: 'Drop_priv',
  REFERENCES: 'References_priv',
  'CREATE VIEW': 'Create_view_priv',
  'SHOW VIEW': 'Show_view_priv',
  'CREATE TEMPORARY TABLES': 'Create_tmp_table_priv',
  'LOCK TABLES': 'Lock_tables_priv',
  TRIGGER: 'Trigger_priv',
};

export interface ProvisionedAccount {
  user: string;
  password: string;
  privileges: readonly Privilege[];
}

/** The accounts to provision, from the stack's configuration. */
export function accountsOf(accounts: {
  migrate: { user: string; password: string };
  sink: { user: string; password: string };
  api: { user: string; password: string };
}): ProvisionedAccount[] {
  return [
    { ...accounts.migrate, privileges: MIGRATE_PRIVILEGES },
    { ...accounts.sink, privileges: SINK_PRIVILEGES },
    { ...accounts.api, privileges: API_PRIVILEGES },
  ];
}

/**
 * Whether the user already holds these privileges on `database` through a grant of its own or
 * a pattern (`nobel\\_test\\_%` covers `nobel_test_abc`). Granting only what is missing keeps
 * mysql.db free of rows for databases that come and go.
 */
async function alreadyGranted(
  conn: Connection,
  user: string,
  host: string,
  database: string,
  privileges: readonly Privilege[],
): Promise<boolean> {
  const rows: unknown[] = await conn.query(
    `SELECT 1 FROM mysql.db WHERE User = ? AND Host = ? AND ? LIKE Db AND ${privileges.map((p) => `${PRIVILEGE_COLUMNS[p]} = 'Y'`).join(' AND ')} LIMIT 1`,
    [user, host, database],
  );
  return rows.length > 0;
}

/** The hosts the accounts may connect from: this machine, by name or by address. */
export const APP_HOSTS = ['localhost', '127.0.0.1', '::1'] as const;

/** A LIKE pattern (as GRANT takes it) for the tests' disposable databases. */
export function testDatabasePattern(database: string): string {
  return `${database.replace(/_/g, '\\_')}\\_test\\_%`;
}

/** Quotes an identifier for MariaDB. The config layer has already limited it to [A-Za-z0-9_]. */
function id(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

export async function provision(
  conn: Connection,
  database: string,
  accounts: readonly ProvisionedAccount[],
): Promise<string[]> {
  const changes: string[] = [];
  const created = await conn.query(
    `CREATE DATABASE IF NOT EXISTS ${id(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  if (created.warningStatus === 0) changes.push(`created database ${database}`);
  for (const account of accounts) {
    for (const host of APP_HOSTS) {
      const user = `${conn.escape(account.user)}@${conn.escape(host)}`;
      const exists: unknown[] = await conn.query(
        'SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?',
        [account.user, host],
      );
      if (exists.length === 0) {
        await conn.query(`CREATE USER ${user} IDENTIFIED BY ?`, [account.password]);
        changes.push(`created user ${account.user}@${host}`);
      } else {
        // Keeps the account in step with its password in .env when that changes.
        await conn.query(`ALTER USER ${user} IDENTIFIED BY ?`, [account.password]);
      }
      const privileges = account.privileges.join(', ');
      if (!(await alreadyGranted(conn, account.user, host, database, account.privileges)))
        await conn.query(`GRANT ${privileges} ON ${id(database)}.* TO ${user}`);
      // A name of the tests' pattern stands for all of them.
      const sample = `${database}_test_x`;
      if (!(await alreadyGranted(conn, account.user, host, sample, account.privileges)))
        await conn.query(
          `GRANT ${privileges} ON \`${testDatabasePattern(database)}\`.* TO ${user}`,
        );
    }
  }
  return changes;
}

/** Drops the application database and the tests' databases; returns their names. */
export async function dropApplicationDatabases(
  conn: Connection,
  database: string,
): Promise<string[]> {
  const rows: { name: string }[] = await conn.query(
    'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ? OR SCHEMA_NAME LIKE ?',
    [database, testDatabasePattern(database)],
  );
  for (const row of rows) await conn.query(`DROP DATABASE ${id(row.name)}`);
  return rows.map((row) => row.name);
}
