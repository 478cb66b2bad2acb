import type { Sequelize } from 'sequelize';
import { createTestDatabase, loadTestConfig, type TestDatabase } from '@nobel-pipeline/test-utils';
import { createSequelize } from '../connection';
import { migrate } from '../migrations/migrator';
import { defineModels, TABLES, type Models } from '../models/models';
import { createPrizeReader, type PrizeReader } from '../read/prize-reader';
import { createPrizeWriter, type PrizeWriter } from '../write/prize-writer';

/** A migrated database of the test's own, with the sink's writer and the read API's reader. */
export interface MigratedTestDatabase {
  database: TestDatabase;
  sequelize: Sequelize;
  models: Models;
  writer: PrizeWriter;
  reader: PrizeReader;
  /** Deletes every row of every table (children first), keeping the schema. */
  emptyTables(): Promise<void>;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

export async function createMigratedTestDatabase(): Promise<MigratedTestDatabase> {
  const database = await createTestDatabase(loadTestConfig().db);
  const sequelize = createSequelize({ config: database.config });
  await migrate(sequelize);
  const models = defineModels(sequelize);
  return {
    database,
    sequelize,
    models,
    writer: createPrizeWriter(sequelize, models),
    reader: createPrizeReader(models),
    emptyTables: async () => {
      // TABLES lists parents before their children.
      for (const table of [...TABLES].reverse()) await sequelize.query(`DELETE FROM ${table}`);
    },
    close: async () => {
      await sequelize.close();
      await database.drop();
    },
  };
}
