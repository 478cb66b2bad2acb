import type { NobelPrize } from '@nobel-pipeline/schemas';

/**
 * A prize event flattened into one row of 17 columns, as a Kafka Connect record in JSON with
 * its schema (JsonConverter, schemas.enable=true): what a generic JDBC sink connector such as
 * Debezium's can write without a transform. One row per event, where the sink writes the
 * event's prize, its laureates and their links (about 4.9 rows in three tables, for the
 * synthetic events) and the laureates' directory rows.
 */

type ConnectType = 'string' | 'int32' | 'int64';

interface FlatColumn {
  field: string;
  type: ConnectType;
  optional: boolean;
  /** A Connect logical type (Timestamp: epoch milliseconds). */
  name?: string;
  /** The MariaDB column it lands in. */
  sql: string;
}

export const FLAT_PRIZE_COLUMNS: readonly FlatColumn[] = [
  { field: 'id', type: 'string', optional: false, sql: 'VARCHAR(64) NOT NULL' },
  { field: 'award_year', type: 'int32', optional: false, sql: 'INT NOT NULL' },
  { field: 'category_code', type: 'string', optional: false, sql: 'VARCHAR(32) NOT NULL' },
  { field: 'category_en', type: 'string', optional: false, sql: 'VARCHAR(255) NOT NULL' },
  {
    field: 'category_full_name_en',
    type: 'string',
    optional: false,
    sql: 'VARCHAR(255) NOT NULL',
  },
  { field: 'date_awarded', type: 'string', optional: true, sql: 'VARCHAR(32) NULL' },
  { field: 'prize_amount', type: 'int64', optional: false, sql: 'BIGINT NOT NULL' },
  { field: 'prize_amount_adjusted', type: 'int64', optional: false, sql: 'BIGINT NOT NULL' },
  { field: 'top_motivation_en', type: 'string', optional: true, sql: 'TEXT NULL' },
  { field: 'laureate_count', type: 'int32', optional: false, sql: 'INT NOT NULL' },
  { field: 'laureate_ids', type: 'string', optional: false, sql: 'VARCHAR(255) NOT NULL' },
  { field: 'laureate_names_en', type: 'string', optional: false, sql: 'TEXT NOT NULL' },
  { field: 'motivations_en', type: 'string', optional: false, sql: 'TEXT NOT NULL' },
  { field: 'portions', type: 'string', optional: false, sql: 'VARCHAR(64) NOT NULL' },
  { field: 'detail_link', type: 'string', optional: true, sql: 'VARCHAR(512) NULL' },
  { field: 'fetch_run_id', type: 'string', optional: false, sql: 'VARCHAR(64) NOT NULL' },
  {
    field: 'fetched_at',
    type: 'int64',
    optional: false,
    name: 'org.apache.kafka.connect.data.Timestamp',
    sql: 'DATETIME(3) NOT NULL',
  },
];

export type FlatPrize = Record<string, string | number | null>;

/** The event as one flat row, column by column (laureates joined with '; '). */
export function flatPrize(event: NobelPrize): FlatPrize {
  const laureates = event.laureates ?? [];
  const joined = (values: readonly (string | null | undefined)[]) =>
    values.map((v) => v ?? '').join('; ');
  return {
    id: event.id,
    award_year: Number(event.awardYear),
    category_code: event.categoryCode,
    category_en: event.category?.en ?? '',
    category_full_name_en: event.categoryFullName?.en ?? '',
    date_awarded: event.dateAwarded ?? null,
    prize_amount: event.prizeAmount,
    prize_amount_adjusted: event.prizeAmountAdjusted,
    top_motivation_en: event.topMotivation?.en ?? null,
    laureate_count: laureates.length,
    laureate_ids: joined(laureates.map((l) => l.id)),
    laureate_names_en: joined(laureates.map((l) => l.knownName?.en ?? l.orgName?.en)),
    motivations_en: joined(laureates.map((l) => l.motivation?.en)),
    portions: joined(laureates.map((l) => l.portion)),
    detail_link: event.links[0]?.href ?? null,
    fetch_run_id: event.fetchRunId,
    fetched_at: event.fetchedAt,
  };
}

const connectSchema = (name: string, columns: readonly FlatColumn[]) => ({
  type: 'struct',
  name,
  optional: false,
  fields: columns.map((c) => ({
    field: c.field,
    type: c.type,
    optional: c.optional,
    ...(c.name === undefined ? {} : { name: c.name }),
  })),
});

const VALUE_SCHEMA = connectSchema('nobel.prize_flat', FLAT_PRIZE_COLUMNS);
const KEY_SCHEMA = connectSchema(
  'nobel.prize_flat_key',
  FLAT_PRIZE_COLUMNS.filter((c) => c.field === 'id'),
);

/** The record's key and value as JsonConverter reads them (schema and payload). */
export function connectRecord(row: FlatPrize): { key: string; value: string } {
  return {
    key: JSON.stringify({ schema: KEY_SCHEMA, payload: { id: row.id } }),
    value: JSON.stringify({ schema: VALUE_SCHEMA, payload: row }),
  };
}

/**
 * The table the connector writes into, created beforehand: the same columns, typed, and one
 * the connector does not know, `written_at`, which the database sets to the time of the
 * statement that last inserted or changed the row (what the benchmark times passes by).
 */
export function flatTableDdl(table: string): string {
  const columns = [
    ...FLAT_PRIZE_COLUMNS.map((c) => `\`${c.field}\` ${c.sql}`),
    '`written_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)',
  ];
  return `CREATE TABLE \`${table.replace(/`/g, '``')}\` (${columns.join(', ')}, PRIMARY KEY (\`id\`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
}
