import { dbEnv, dbMigrateEnv, logEnv } from '@nobel-pipeline/common';

/** Every variable `npm run migrate` (and the Docker init's migration step) reads. */
export const MIGRATE_ENV = { ...dbEnv, ...dbMigrateEnv, ...logEnv };
