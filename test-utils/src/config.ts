import {
  dbEnv,
  dbMigrateEnv,
  migrateAccount,
  loadEnv,
  parseEnv,
  serviceEnv,
  toDbConfig,
  toServiceConfig,
  type DbConfig,
  type Env,
  type ServiceConfig,
} from '@nobel-pipeline/common';
import { ledger } from './ledger';

export interface TestConfig extends ServiceConfig {
  /**
   * The database as the migration account sees it: it may create and drop the tests'
   * `<DB_NAME>_test_*` databases, migrate them and read and write their rows.
   */
  db: DbConfig;
}

/**
 * The configuration tests use to reach the running stack: the same variables, defaults and
 * `.env` file as the services, so a test talks to exactly what a service would talk to.
 */
export function loadTestConfig(env: Env = loadEnv().env): TestConfig {
  const parsed = parseEnv({ ...serviceEnv, ...dbEnv, ...dbMigrateEnv }, env);
  const config = {
    ...toServiceConfig(parsed, 'tests'),
    db: toDbConfig(parsed, migrateAccount(parsed)),
  };
  // Where the test file's topics, groups and databases are, for their deletion afterwards.
  ledger().stack = {
    brokers: config.kafka.brokers,
    registryUrl: config.registry.url,
    db: config.db,
  };
  return config;
}
