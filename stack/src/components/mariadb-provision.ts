import type { Connection } from 'mariadb';
import type { DbConfig } from '@nobel-pipeline/common';

/**
 * The application database and its user. The services never connect as root: their user may
 * read and write the application database and change its schema (migrations run as the
 * application), and may create and drop the disposable `<database>_test_*` databases that the
 * tests use, nothing else.
 */

/** The privileges of the application user on its databases. */
export const APP_PRIVILEGES = [
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
] as const;

/** The columns of mysql.db that hold APP_PRIVILEGES, in the same order. */
const PRIVILEGE_COLUMNS = [
  'Select_priv',
  'Insert_priv',
  'Update_priv',
  'Delete_priv',
  'Create_priv',
  'Alter_priv',
  'Index_priv',
  'Drop_priv',
  'References_priv',
  'Create_view_priv',
  'Show_view_priv',
  'Create_tmp_table_priv',
  'Lock_tables_priv',
] as const;

/**
 * Whether the user already holds every application privilege on `database` through a grant of
 * its own or a pattern (`nobel\_test\_%` covers `nobel_test_abc`). Granting only what is
 * missing keeps mysql.db free of rows for databases that come and go.
 */
async function alreadyGranted(
  conn: Connection,
  user: string,
  host: string,
  database: string,
): Promise<boolean> {
  const rows: unknown[] = await conn.query(
    `SELECT 1 FROM mysql.db WHERE User = ? AND Host = ? AND ? LIKE Db AND ${PRIVILEGE_COLUMNS.map((c) => `${c} = 'Y'`).join(' AND ')} LIMIT 1`,
    [user, host, database],
  );
  return rows.length > 0;
}

/** The hosts the application user may connect from: this machine, by name or by address. */
export const APP_HOSTS = ['localhost', '127.0.0.1', '::1'] as const;

/** A LIKE pattern (as GRANT takes it) for the tests' disposable databases. */
export function testDatabasePattern(database: string): string {
  return `${database.replace(/_/g, '\\_')}\\_test\\_%`;
}

/** Quotes an identifier for MariaDB. The config layer has already limited it to [A-Za-z0-9_]. */
function id(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

export async function provision(conn: Connection, db: DbConfig): Promise<string[]> {
  const changes: string[] = [];
  const created = await conn.query(
    `CREATE DATABASE IF NOT EXISTS ${id(db.database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  if (created.warningStatus === 0) changes.push(`created database ${db.database}`);
  for (const host of APP_HOSTS) {
    const user = `${conn.escape(db.user)}@${conn.escape(host)}`;
    const exists: unknown[] = await conn.query(
      'SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?',
      [db.user, host],
    );
    if (exists.length === 0) {
      await conn.query(`CREATE USER ${user} IDENTIFIED BY ?`, [db.password]);
      changes.push(`created user ${db.user}@${host}`);
    } else {
      // Keeps the account in step with DB_PASSWORD when .env changes.
      await conn.query(`ALTER USER ${user} IDENTIFIED BY ?`, [db.password]);
    }
    const privileges = APP_PRIVILEGES.join(', ');
    if (!(await alreadyGranted(conn, db.user, host, db.database)))
      await conn.query(`GRANT ${privileges} ON ${id(db.database)}.* TO ${user}`);
    // A name of the tests' pattern stands for all of them.
    if (!(await alreadyGranted(conn, db.user, host, `${db.database}_test_x`)))
      await conn.query(
        `GRANT ${privileges} ON \`${testDatabasePattern(db.database)}\`.* TO ${user}`,
      );
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
