import { Sequelize } from 'sequelize';
import type { DbConfig, Logger } from '@nobel-pipeline/common';

export interface CreateSequelizeOptions {
  config: DbConfig;
  logger?: Logger;
  /** Connections in the pool. */
  poolMax?: number;
}

/**
 * A Sequelize instance on MariaDB for the application user. Timestamps are UTC; BIGINT
 * columns come back as numbers (prize amounts fit easily); no query logging unless the logger
 * is at debug level.
 */
export function createSequelize(options: CreateSequelizeOptions): Sequelize {
  const { config, logger } = options;
  return new Sequelize({
    dialect: 'mariadb',
    host: config.host,
    port: config.port,
    database: config.database,
    username: config.user,
    password: config.password,
    timezone: '+00:00',
    logging:
      logger?.isLevelEnabled('debug') === true
        ? (sql: string) => logger.debug({ sql }, 'sql')
        : false,
    pool: { max: options.poolMax ?? 5, min: 0, acquire: 30_000, idle: 10_000 },
    dialectOptions: {
      connectTimeout: 10_000,
      // BIGINT as JavaScript numbers: every amount fits in 2^53.
      bigIntAsNumber: true,
      insertIdAsNumber: true,
      decimalAsNumber: true,
      timezone: 'Z',
    },
  });
}
