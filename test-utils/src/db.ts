import * as mariadb from 'mariadb';
import type { DbConfig } from '@nobel-pipeline/common';
import { uniqueDatabase } from './names';

/** A connection as the application user, to the application database. */
export function connectAsApp(config: DbConfig): Promise<mariadb.Connection> {
  return mariadb.createConnection({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    connectTimeout: 10_000,
  });
}

export interface TestDatabase {
  /** The configuration of the services, pointed at the new database. */
  config: DbConfig;
  drop(): Promise<void>;
}

/**
 * A new, empty database that only this test uses, created and dropped by the application user
 * (it may create `<DB_NAME>_test_*` databases; see the stack's provisioning).
 */
export async function createTestDatabase(config: DbConfig): Promise<TestDatabase> {
  const name = uniqueDatabase(config.database);
  const conn = await mariadb.createConnection({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    connectTimeout: 10_000,
  });
  try {
    await conn.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await conn.end();
  }
  return {
    config: { ...config, database: name },
    drop: async () => {
      const c = await connectAsApp(config);
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}
