import { QueryTypes, type Sequelize } from 'sequelize';
import { dbFailureKind } from '../errors';
import { TABLES } from '../models/models';
import { MIGRATIONS } from './index';
import { MIGRATIONS_TABLE } from './migrator';

/** How far the database's schema is from what this code expects. */
export interface SchemaState {
  /** Every migration this code knows is applied, and every table it uses exists. */
  current: boolean;
  applied: string[];
  /** Migrations this code knows and the database has not had. */
  pending: string[];
  /** Migrations the database had that this code does not know (a newer version ran them). */
  unknown: string[];
  /** Tables the models use that the application user cannot see. */
  missingTables: string[];
}

/**
 * Reads the schema's state as the connected user sees it: the migrations recorded in
 * `schema_migrations` and the tables of the database. Never changes anything — services that
 * only read (ingest-api) check with this; the migrations are applied by `npm run migrate` and
 * by the sink at start-up. Connection and permission errors are thrown as they come.
 */
export async function readSchemaState(
  sequelize: Sequelize,
  expected: { migrations: readonly string[]; tables: readonly string[] } = {
    migrations: MIGRATIONS.map((m) => m.name),
    tables: TABLES,
  },
): Promise<SchemaState> {
  let applied: string[] = [];
  try {
    const rows = await sequelize.query<{ name: string }>(
      `SELECT name FROM \`${MIGRATIONS_TABLE}\` ORDER BY name`,
      { type: QueryTypes.SELECT },
    );
    applied = rows.map((r) => r.name);
  } catch (error) {
    // No table of migrations: none has been applied. Anything else is the caller's to handle.
    if (dbFailureKind(error) !== 'not_migrated') throw error;
  }
  const tables = await sequelize.query<{ name: string }>(
    'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    { type: QueryTypes.SELECT },
  );
  const present = new Set(tables.map((t) => t.name));
  const done = new Set(applied);
  const known = new Set(expected.migrations);
  const pending = expected.migrations.filter((m) => !done.has(m));
  const missingTables = expected.tables.filter((t) => !present.has(t));
  return {
    current: pending.length === 0 && missingTables.length === 0,
    applied,
    pending,
    unknown: applied.filter((m) => !known.has(m)),
    missingTables,
  };
}
