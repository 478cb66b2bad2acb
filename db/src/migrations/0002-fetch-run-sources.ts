import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * What each run read and published of each source (FetchRun v2's `sources`): one row per run
 * and endpoint. Runs written by FetchRun v1 have none. Frozen, as every migration is.
 */

const TABLE = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', engine: 'InnoDB' } as const;
const count = { type: DataTypes.INTEGER, allowNull: false };

export const name0002 = '0002-fetch-run-sources';

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'fetch_run_sources',
    {
      run_id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      source: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false },
      pages: count,
      seen: count,
      changed: count,
      missing: count,
      updated_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    TABLE,
  );
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('fetch_run_sources');
}
