import {
  createLogger,
  migrateAccount,
  loadEnv,
  parseEnv,
  toDbConfig,
  toLogConfig,
  errorMessage,
} from '@nobel-pipeline/common';
import { MIGRATE_ENV } from './env';
import { migrateDatabase } from './migrator';

/** `npm run migrate`: applies the pending migrations to DB_NAME as DB_MIGRATE_USER. */
async function main(): Promise<void> {
  const env = parseEnv(MIGRATE_ENV, loadEnv().env);
  const logger = createLogger({ name: 'migrate', level: toLogConfig(env).level });
  const applied = await migrateDatabase(toDbConfig(env, migrateAccount(env)), logger);
  process.stdout.write(
    applied.length === 0
      ? 'The database schema is up to date.\n'
      : `Applied: ${applied.join(', ')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate: ${errorMessage(error)}\n`);
  process.exit(1);
});
