import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The version of the prize events' name in `laureate_directory`: the `fetched_at` of the
 * `laureates` row it was taken from. With it a prize writer records its laureates' names in
 * one bulk statement, newer wins by the same rule as `laureates` itself, instead of inserting
 * them by reading `laureates` back (a fifth of the writer's time in `npm run bench:writer`).
 * NULL where the prize events have not named the laureate. Filled from `laureates` as it is,
 * names and versions.
 * Frozen, as every migration is.
 */

export const name0005 = '0005-laureate-directory-names-version';

export async function up(qi: QueryInterface): Promise<void> {
  await qi.addColumn('laureate_directory', 'names_fetched_at', {
    type: DataTypes.DATE(3),
    allowNull: true,
  });
  // The names too: a sink from before 0004 still running after it changed laureates without
  // the directory, and a version stamped on a name that is not its own would keep it so.
  await qi.sequelize.query(
    `UPDATE laureate_directory dir JOIN laureates l ON l.id = dir.id
     SET dir.names_name_en = COALESCE(l.known_name_en, l.org_name_en),
       dir.sort_name_en = COALESCE(dir.details_name_en, l.known_name_en, l.org_name_en),
       dir.names_fetched_at = l.fetched_at`,
  );
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.removeColumn('laureate_directory', 'names_fetched_at');
}
