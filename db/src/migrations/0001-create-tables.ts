import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The first schema: prizes, laureates, prize_laureates, fetch_runs. Frozen: later changes
 * are new migrations. Upserts match on primary keys only, so no other unique key exists.
 */

const TABLE = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', engine: 'InnoDB' } as const;
const name = { type: DataTypes.STRING(255), allowNull: true };
const text = { type: DataTypes.TEXT, allowNull: true };
const timestamp = { type: DataTypes.DATE(3), allowNull: false };

export const name0001 = '0001-create-tables';

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'prizes',
    {
      id: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false },
      award_year: { type: DataTypes.SMALLINT, allowNull: false },
      category_code: { type: DataTypes.STRING(16), allowNull: false },
      category_en: name,
      category_no: name,
      category_se: name,
      category_full_name_en: name,
      category_full_name_no: name,
      category_full_name_se: name,
      date_awarded: { type: DataTypes.STRING(32), allowNull: true },
      prize_amount: { type: DataTypes.BIGINT, allowNull: false },
      prize_amount_adjusted: { type: DataTypes.BIGINT, allowNull: false },
      top_motivation_en: text,
      top_motivation_no: text,
      top_motivation_se: text,
      has_laureates: { type: DataTypes.BOOLEAN, allowNull: false },
      links: { type: DataTypes.JSON, allowNull: false },
      extras: { type: DataTypes.JSON, allowNull: true },
      content_hash: { type: DataTypes.CHAR(64), allowNull: false },
      fetch_run_id: { type: DataTypes.STRING(64), allowNull: false },
      fetched_at: timestamp,
      updated_at: timestamp,
    },
    TABLE,
  );
  await qi.addIndex('prizes', ['award_year'], { name: 'idx_prizes_award_year' });
  await qi.addIndex('prizes', ['category_code', 'award_year'], {
    name: 'idx_prizes_category_year',
  });

  await qi.createTable(
    'laureates',
    {
      id: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false },
      kind: { type: DataTypes.ENUM('person', 'organization'), allowNull: false },
      known_name_en: name,
      known_name_no: name,
      known_name_se: name,
      full_name_en: name,
      full_name_no: name,
      full_name_se: name,
      org_name_en: name,
      org_name_no: name,
      org_name_se: name,
      acronym: { type: DataTypes.STRING(64), allowNull: true },
      native_name: name,
      extras: { type: DataTypes.JSON, allowNull: true },
      fetched_at: timestamp,
      updated_at: timestamp,
    },
    TABLE,
  );
  await qi.addIndex('laureates', ['known_name_en'], { name: 'idx_laureates_known_name_en' });
  await qi.addIndex('laureates', ['full_name_en'], { name: 'idx_laureates_full_name_en' });
  await qi.addIndex('laureates', ['org_name_en'], { name: 'idx_laureates_org_name_en' });

  await qi.createTable(
    'prize_laureates',
    {
      prize_id: {
        type: DataTypes.STRING(32),
        primaryKey: true,
        allowNull: false,
        references: { model: 'prizes', key: 'id' },
      },
      laureate_id: {
        type: DataTypes.STRING(32),
        primaryKey: true,
        allowNull: false,
        references: { model: 'laureates', key: 'id' },
      },
      portion: { type: DataTypes.STRING(16), allowNull: false },
      sort_order: { type: DataTypes.SMALLINT, allowNull: false },
      motivation_en: text,
      motivation_no: text,
      motivation_se: text,
      links: { type: DataTypes.JSON, allowNull: false },
      extras: { type: DataTypes.JSON, allowNull: true },
      updated_at: timestamp,
    },
    TABLE,
  );
  await qi.addIndex('prize_laureates', ['laureate_id'], { name: 'idx_prize_laureates_laureate' });

  await qi.createTable(
    'fetch_runs',
    {
      run_id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      trigger: { type: DataTypes.STRING(16), allowNull: false },
      started_at: timestamp,
      finished_at: timestamp,
      outcome: { type: DataTypes.STRING(16), allowNull: false },
      pages: { type: DataTypes.INTEGER, allowNull: false },
      prizes_seen: { type: DataTypes.INTEGER, allowNull: false },
      prizes_changed: { type: DataTypes.INTEGER, allowNull: false },
      prizes_missing: { type: DataTypes.INTEGER, allowNull: false },
      error: text,
      updated_at: timestamp,
    },
    TABLE,
  );
  await qi.addIndex('fetch_runs', ['started_at'], { name: 'idx_fetch_runs_started_at' });
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('prize_laureates');
  await qi.dropTable('fetch_runs');
  await qi.dropTable('laureates');
  await qi.dropTable('prizes');
}
