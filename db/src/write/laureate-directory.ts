import { QueryTypes, type Sequelize } from 'sequelize';
import type { RawConnection } from './prize-writer';
import { chunks, placeholders, ROWS_PER_STATEMENT } from './upsert-sql';

/**
 * Which source's name a writer records: the prize events' (`laureates`: the known name, else
 * the organisation's) or the laureates source's (`laureate_details`).
 */
const SOURCES = {
  names: {
    column: 'names_name_en',
    table: 'laureates',
    name: 'COALESCE(known_name_en, org_name_en)',
  },
  details: { column: 'details_name_en', table: 'laureate_details', name: 'name_en' },
} as const;

/**
 * Records these laureates in `laureate_directory`, inside the writer's transaction and after
 * its own table was written: the name is read back from that table, so that what newer-wins
 * kept is what the list sorts by. Each source sets only its own column and reads only its
 * own (already locked) rows, so a prize batch and a laureate batch never wait on each other's
 * tables; the sort name is the laureates source's when there is one (MariaDB applies the
 * assignments in order: the second sees the first). Ids in key order, as every write here.
 */
export async function recordInDirectory(
  connection: RawConnection,
  source: keyof typeof SOURCES,
  ids: readonly string[],
): Promise<void> {
  const { column, table, name } = SOURCES[source];
  for (const group of chunks([...ids].sort(), ROWS_PER_STATEMENT))
    await connection.query(
      `INSERT INTO laureate_directory (id, ${column}, sort_name_en)
       SELECT id, ${name}, ${name} FROM ${table} WHERE id IN (${placeholders(group.length)}) ORDER BY id
       ON DUPLICATE KEY UPDATE ${column} = VALUES(${column}),
         sort_name_en = COALESCE(details_name_en, names_name_en)`,
      group,
    );
}

/**
 * Adds the laureates the directory lacks — written by a sink of a version before migration
 * 0004 that was still running after it — with the names the writers record (recordInDirectory,
 * once per source, in one transaction). The sink runs it at start-up (after migrating): a
 * plain, non-locking read of the two tables' keys, and writes only when one is missing. A row
 * another sink's writer adds meanwhile keeps that writer's names. Returns how many were missing.
 */
export async function fillLaureateDirectory(sequelize: Sequelize): Promise<number> {
  const missing = await sequelize.query<{ id: string }>(
    `SELECT ids.id AS id FROM (SELECT id FROM laureates UNION SELECT id FROM laureate_details) AS ids
     WHERE NOT EXISTS (SELECT 1 FROM laureate_directory dir WHERE dir.id = ids.id)`,
    { type: QueryTypes.SELECT },
  );
  if (missing.length === 0) return 0;
  const ids = missing.map((row) => row.id);
  await sequelize.transaction(async (transaction) => {
    // Sequelize keeps the transaction's driver connection here; its type does not say so.
    const connection = (transaction as unknown as { connection: RawConnection }).connection;
    await recordInDirectory(connection, 'names', ids);
    await recordInDirectory(connection, 'details', ids);
  });
  return ids.length;
}
