import { QueryTypes, type Sequelize } from 'sequelize';
import type { LaureateDetailRow, LaureateRow } from '../models/models';
import type { RawConnection } from './prize-writer';
import { toUtcDateTime } from './datetime';
import { byKey, chunks, placeholders, ROWS_PER_STATEMENT } from './upsert-sql';

/**
 * `laureate_directory`: every laureate either source knows, once, with the name the list sorts
 * by. Each source sets only its own name column, inside its writer's transaction and after its
 * own table was written, so a prize batch and a laureate batch never wait on each other's
 * tables; the sort name is the laureates source's when there is one (MariaDB applies the
 * assignments in order: a later one sees the earlier). Rows in key order, as every write here.
 */

/** The name a prize event gives a laureate: its known name, else the organisation's. */
const namesNameOf = (laureate: Pick<LaureateRow, 'knownNameEn' | 'orgNameEn'>) =>
  laureate.knownNameEn ?? laureate.orgNameEn;

/**
 * A names row meets a stored one: newer wins on `names_fetched_at`, as `laureates` does on its
 * `fetched_at` (a row the prize events have not named takes any). The version is set last.
 */
const NAMES_NEWER = 'names_fetched_at IS NULL OR VALUES(names_fetched_at) >= names_fetched_at';
const NAMES_UPDATE = `names_name_en = IF(${NAMES_NEWER}, VALUES(names_name_en), names_name_en),
  sort_name_en = COALESCE(details_name_en, names_name_en),
  names_fetched_at = IF(${NAMES_NEWER}, VALUES(names_fetched_at), names_fetched_at)`;

/**
 * Records the names of the laureates a prize writer has just upserted into `laureates` (each
 * once, its newest version), in one bulk statement. `laureates` keeps a stored row newer than
 * the event's, and so does this: the name is replaced only by one at least as recent as the
 * one recorded (`names_fetched_at`, the same rule and the same values), so the directory holds
 * the name of the version `laureates` kept without reading it back.
 */
export async function recordNames(
  connection: RawConnection,
  laureates: readonly LaureateRow[],
): Promise<void> {
  if (laureates.length === 0) return;
  await connection.batch(
    `INSERT INTO laureate_directory (id, names_name_en, names_fetched_at, sort_name_en)
     VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE ${NAMES_UPDATE}`,
    byKey(laureates, (l) => l.id).map((l) => {
      const name = namesNameOf(l);
      return [l.id, name, toUtcDateTime(l.fetchedAt), name];
    }),
  );
}

/**
 * Records the names of the laureate events a laureate writer has just written: the winners of
 * its newer-wins check, whose rows it locked, so their names are what `laureate_details` now
 * holds.
 */
export async function recordDetailsNames(
  connection: RawConnection,
  laureates: readonly Pick<LaureateDetailRow, 'id' | 'nameEn'>[],
): Promise<void> {
  if (laureates.length === 0) return;
  await connection.batch(
    `INSERT INTO laureate_directory (id, details_name_en, sort_name_en) VALUES (?, ?, ?)
     ON DUPLICATE KEY UPDATE details_name_en = VALUES(details_name_en),
       sort_name_en = COALESCE(details_name_en, names_name_en)`,
    byKey(laureates, (l) => l.id).map((l) => [l.id, l.nameEn, l.nameEn]),
  );
}

/**
 * Records these laureates as the two tables hold them, reading both: what the repair at
 * start-up writes. Missing rows are added; names take the version `laureates` holds, newer wins
 * as ever (a writer that recorded a newer one meanwhile keeps it).
 */
async function recordFromTables(connection: RawConnection, ids: readonly string[]) {
  for (const group of chunks([...ids].sort(), ROWS_PER_STATEMENT)) {
    const inGroup = `WHERE id IN (${placeholders(group.length)}) ORDER BY id`;
    await connection.query(
      `INSERT INTO laureate_directory (id, names_name_en, names_fetched_at, sort_name_en)
       SELECT id, COALESCE(known_name_en, org_name_en), fetched_at, COALESCE(known_name_en, org_name_en)
       FROM laureates ${inGroup}
       ON DUPLICATE KEY UPDATE ${NAMES_UPDATE}`,
      group,
    );
    await connection.query(
      `INSERT INTO laureate_directory (id, details_name_en, sort_name_en)
       SELECT id, name_en, name_en FROM laureate_details ${inGroup}
       ON DUPLICATE KEY UPDATE details_name_en = VALUES(details_name_en),
         sort_name_en = COALESCE(details_name_en, names_name_en)`,
      group,
    );
  }
}

/**
 * Repairs the directory rows a sink of an earlier version left behind, and adds the ones it
 * did not write: the laureates a sink from before migration 0004 stored after it ran, and the
 * names a sink from before 0005 recorded after it ran, without their version (it read the name
 * back from `laureates` and left `names_fetched_at` as it was). The sink runs it at start-up,
 * after migrating: a plain, non-locking read of the keys, and writes only where a row is
 * missing, or its version or a name (compared byte for byte: the collation ignores case) is
 * not the tables', in one transaction, as the tables hold them then. Returns how many rows it
 * added or repaired.
 */
export async function fillLaureateDirectory(sequelize: Sequelize): Promise<number> {
  const wrong = await sequelize.query<{ id: string }>(
    `SELECT ids.id AS id FROM (SELECT id FROM laureates UNION SELECT id FROM laureate_details) AS ids
     WHERE NOT EXISTS (SELECT 1 FROM laureate_directory dir WHERE dir.id = ids.id)
     UNION
     SELECT l.id FROM laureates l JOIN laureate_directory dir ON dir.id = l.id
     WHERE NOT (dir.names_fetched_at <=> l.fetched_at)
       OR NOT (BINARY dir.names_name_en <=> BINARY COALESCE(l.known_name_en, l.org_name_en))
     UNION
     SELECT d.id FROM laureate_details d JOIN laureate_directory dir ON dir.id = d.id
     WHERE NOT (BINARY dir.details_name_en <=> BINARY d.name_en)
       OR NOT (BINARY dir.sort_name_en <=> BINARY COALESCE(d.name_en, dir.names_name_en))`,
    { type: QueryTypes.SELECT },
  );
  if (wrong.length === 0) return 0;
  const ids = wrong.map((row) => row.id);
  await sequelize.transaction(async (transaction) => {
    // Sequelize keeps the transaction's driver connection here; its type does not say so.
    const connection = (transaction as unknown as { connection: RawConnection }).connection;
    await recordFromTables(connection, ids);
  });
  return ids.length;
}
