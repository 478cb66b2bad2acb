import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The laureates source (`GET /2.1/laureates`): a laureate's details beside `laureates` (which
 * the prize events fill with names), and per prize the laureate's award (with its status),
 * affiliations and residences. No foreign key to `laureates` or `prizes`: a laureate event may
 * arrive before the prize events that name it, or after, and either order ends complete.
 * Frozen, as every migration is.
 */

const TABLE = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', engine: 'InnoDB' } as const;
const name = { type: DataTypes.STRING(255), allowNull: true };
const short = { type: DataTypes.STRING(16), allowNull: true };
const coordinate = { type: DataTypes.DECIMAL(9, 6), allowNull: true };
const timestamp = { type: DataTypes.DATE(3), allowNull: false };
const laureateId = { type: DataTypes.STRING(32), primaryKey: true, allowNull: false };
const prizeId = { type: DataTypes.STRING(32), primaryKey: true, allowNull: false };
const position = { type: DataTypes.SMALLINT, primaryKey: true, allowNull: false };

/** A birth, death or founding: the date as served, the date when it is a whole one, the place. */
const happening = (prefix: string, coordinates: boolean) => ({
  [`${prefix}_date`]: { type: DataTypes.STRING(32), allowNull: true },
  [`${prefix}_date_full`]: { type: DataTypes.DATEONLY, allowNull: true },
  [`${prefix}_city_en`]: name,
  [`${prefix}_country_en`]: name,
  [`${prefix}_city_now_en`]: name,
  [`${prefix}_country_now_en`]: name,
  [`${prefix}_continent_en`]: name,
  ...(coordinates
    ? { [`${prefix}_latitude`]: coordinate, [`${prefix}_longitude`]: coordinate }
    : {}),
});

/** Where an affiliation or residence was, and where that is now. */
const place = {
  city_en: name,
  country_en: name,
  city_now_en: name,
  country_now_en: name,
  continent_en: name,
};

export const name0003 = '0003-laureate-details';

export async function up(qi: QueryInterface): Promise<void> {
  await qi.createTable(
    'laureate_details',
    {
      id: laureateId,
      kind: { type: DataTypes.ENUM('person', 'organization'), allowNull: false },
      name_en: name,
      full_name_en: name,
      gender: short,
      ...happening('birth', true),
      ...happening('death', true),
      ...happening('founded', false),
      wikidata_id: { type: DataTypes.STRING(32), allowNull: true },
      wikipedia_slug: name,
      source_record: { type: DataTypes.JSON, allowNull: false },
      content_hash: { type: DataTypes.CHAR(64), allowNull: false },
      fetch_run_id: { type: DataTypes.STRING(64), allowNull: false },
      fetched_at: timestamp,
      updated_at: timestamp,
    },
    TABLE,
  );
  await qi.addIndex('laureate_details', ['gender'], { name: 'idx_laureate_details_gender' });
  await qi.addIndex('laureate_details', ['birth_country_now_en'], {
    name: 'idx_laureate_details_birth_country_now',
  });
  await qi.addIndex('laureate_details', ['name_en'], { name: 'idx_laureate_details_name_en' });

  await qi.createTable(
    'laureate_awards',
    {
      laureate_id: laureateId,
      prize_id: prizeId,
      award_year: { type: DataTypes.SMALLINT, allowNull: false },
      category_code: { type: DataTypes.STRING(16), allowNull: false },
      sort_order: { type: DataTypes.SMALLINT, allowNull: false },
      portion: { type: DataTypes.STRING(16), allowNull: false },
      prize_status: short,
      date_awarded: { type: DataTypes.STRING(32), allowNull: true },
      motivation_en: { type: DataTypes.TEXT, allowNull: true },
      updated_at: timestamp,
    },
    TABLE,
  );
  await qi.addIndex('laureate_awards', ['prize_id'], { name: 'idx_laureate_awards_prize' });
  await qi.addIndex('laureate_awards', ['category_code', 'award_year'], {
    name: 'idx_laureate_awards_category_year',
  });

  await qi.createTable(
    'laureate_affiliations',
    {
      laureate_id: laureateId,
      prize_id: prizeId,
      position,
      name_en: name,
      name_now_en: name,
      ...place,
      latitude: coordinate,
      longitude: coordinate,
      updated_at: timestamp,
    },
    TABLE,
  );
  await qi.addIndex('laureate_affiliations', ['prize_id'], {
    name: 'idx_laureate_affiliations_prize',
  });
  await qi.addIndex('laureate_affiliations', ['country_now_en'], {
    name: 'idx_laureate_affiliations_country_now',
  });

  await qi.createTable(
    'laureate_residences',
    { laureate_id: laureateId, prize_id: prizeId, position, ...place, updated_at: timestamp },
    TABLE,
  );
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.dropTable('laureate_residences');
  await qi.dropTable('laureate_affiliations');
  await qi.dropTable('laureate_awards');
  await qi.dropTable('laureate_details');
}
