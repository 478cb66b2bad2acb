import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { DbConfig, Logger } from '@nobel-pipeline/common';
import { createSequelize } from '../connection';
import { asDatabaseError } from '../errors';
import type { RawConnection } from '../write/prize-writer';
import { MIGRATIONS } from './index';

/** Migrations applied are recorded in this table. */
export const MIGRATIONS_TABLE = 'schema_migrations';
const LOCK = 'nobel_pipeline_migrations';
const LOCK_TIMEOUT_SECONDS = 60;

export function createMigrator(sequelize: Sequelize, logger?: Logger) {
  const qi = sequelize.getQueryInterface();
  return new Umzug({
    migrations: MIGRATIONS.map((m) => ({
      name: m.name,
      up: () => m.up(qi),
      down: () => m.down(qi),
    })),
    storage: new SequelizeStorage({ sequelize, tableName: MIGRATIONS_TABLE }),
    logger:
      logger === undefined
        ? undefined
        : {
            // Umzug's events carry `name` (the migration), which would replace the logger's own name.
            info: ({ name, ...event }) => logger.info({ migration: name, ...event }, 'migration'),
            warn: ({ name, ...event }) => logger.warn({ migration: name, ...event }, 'migration'),
            error: ({ name, ...event }) => logger.error({ migration: name, ...event }, 'migration'),
            debug: ({ name, ...event }) => logger.debug({ migration: name, ...event }, 'migration'),
          },
  });
}

/**
 * Applies the pending migrations under a MariaDB named lock, so that two processes starting
 * at once (the sink and `npm run migrate`, two sinks) never run the same migration twice.
 * Returns the names applied.
 */
export async function migrate(sequelize: Sequelize, logger?: Logger): Promise<string[]> {
  const manager = sequelize.connectionManager;
  const connection = await manager.getConnection({ type: 'write' });
  // The connection manager's type is opaque; it is the mariadb driver's connection.
  const raw = connection as unknown as RawConnection;
  try {
    const rows = (await raw.query('SELECT GET_LOCK(?, ?) AS locked', [
      LOCK,
      LOCK_TIMEOUT_SECONDS,
    ])) as { locked: number | null }[];
    if (rows[0]?.locked !== 1)
      throw new Error(`could not take the migration lock within ${LOCK_TIMEOUT_SECONDS} s`);
    try {
      const applied = await createMigrator(sequelize, logger).up();
      return applied.map((m) => m.name);
    } finally {
      await raw.query('SELECT RELEASE_LOCK(?)', [LOCK]);
    }
  } finally {
    manager.releaseConnection(connection);
  }
}

/** Connects to `config`'s database, applies the pending migrations, and disconnects. */
export async function migrateDatabase(config: DbConfig, logger?: Logger): Promise<string[]> {
  // Two connections at least: one holds the migration lock while the other migrates.
  const sequelize = createSequelize({ config, logger });
  try {
    return await migrate(sequelize, logger);
  } catch (error) {
    throw asDatabaseError(error);
  } finally {
    await sequelize.close();
  }
}
