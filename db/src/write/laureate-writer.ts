import type { LaureateRows } from '../mapping/laureate-rows';
import type { Models } from '../models/models';
import { fromUtcDateTime, utcDateTimeOf } from './datetime';
import { recordDetailsNames } from './laureate-directory';
import type { RawConnection } from './prize-writer';
import { byKey, placeholders, upsertShape, type UpsertShape } from './upsert-sql';

/** The writer's upsert of many rows (batch()), on the transaction's connection. */
export type Upsert = (
  connection: RawConnection,
  shape: UpsertShape,
  rows: readonly object[],
) => Promise<void>;

export interface LaureateWriter {
  /** Inside the caller's transaction: what was written, and what was older than the table. */
  write(
    connection: RawConnection,
    laureates: readonly LaureateRows[],
  ): Promise<{ written: number; stale: number }>;
}

/** The tables a laureate event's children live in, replaced whole by a newer event. */
const CHILD_TABLES = ['laureate_awards', 'laureate_affiliations', 'laureate_residences'] as const;

/** The newest version of each laureate (by fetchedAt; the later one on a tie). */
function newestPerId(laureates: readonly LaureateRows[]): LaureateRows[] {
  const newest = new Map<string, LaureateRows>();
  for (const l of laureates) {
    const seen = newest.get(l.detail.id);
    if (seen === undefined || l.detail.fetchedAt >= seen.detail.fetchedAt)
      newest.set(l.detail.id, l);
  }
  return [...newest.values()];
}

/**
 * Laureate events (the laureates source), newer wins as for prizes: the stored rows are locked,
 * the events older than them are left out, and for each one written its details row is
 * upserted and its awards, affiliations and residences replaced (deleted, then written again),
 * so that what a newer event no longer has goes. Rows in key order, as every write here.
 */
export function createLaureateWriter(models: Models, upsert: Upsert): LaureateWriter {
  const shapes = {
    details: upsertShape(models.LaureateDetail),
    awards: upsertShape(models.LaureateAward),
    affiliations: upsertShape(models.LaureateAffiliation),
    residences: upsertShape(models.LaureateResidence),
  };

  async function write(connection: RawConnection, laureates: readonly LaureateRows[]) {
    const incoming = byKey(newestPerId(laureates), (l) => l.detail.id);
    const superseded = laureates.length - incoming.length;
    if (incoming.length === 0) return { written: 0, stale: superseded };
    // Read as UTC text: the driver would parse a DATETIME in the process's time zone.
    const stored = (await connection.query(
      `SELECT id, ${utcDateTimeOf('fetched_at')} AS fetchedAt FROM laureate_details WHERE id IN (${placeholders(incoming.length)}) ORDER BY id FOR UPDATE`,
      incoming.map((l) => l.detail.id),
    )) as { id: string; fetchedAt: string }[];
    const storedAt = new Map(stored.map((r) => [r.id, fromUtcDateTime(r.fetchedAt).getTime()]));
    const winners = incoming.filter(
      (l) => l.detail.fetchedAt.getTime() >= (storedAt.get(l.detail.id) ?? -Infinity),
    );
    const stale = superseded + incoming.length - winners.length;
    if (winners.length === 0) return { written: 0, stale };

    await upsert(
      connection,
      shapes.details,
      winners.map((l) => l.detail),
    );
    await recordDetailsNames(
      connection,
      winners.map((l) => l.detail),
    );
    const replaced = winners.filter((l) => storedAt.has(l.detail.id)).map((l) => l.detail.id);
    if (replaced.length > 0)
      for (const table of CHILD_TABLES)
        await connection.query(
          `DELETE FROM ${table} WHERE laureate_id IN (${placeholders(replaced.length)})`,
          replaced,
        );
    // Per laureate and prize, then in the source's order (awards have one row per prize).
    const children = <T extends { laureateId: string; prizeId: string; position?: number }>(
      rows: T[],
    ) =>
      byKey(
        rows,
        (r) => `${r.laureateId}\u0000${r.prizeId}\u0000${String(r.position ?? 0).padStart(5, '0')}`,
      );
    await upsert(connection, shapes.awards, children(winners.flatMap((l) => l.awards)));
    await upsert(connection, shapes.affiliations, children(winners.flatMap((l) => l.affiliations)));
    await upsert(connection, shapes.residences, children(winners.flatMap((l) => l.residences)));
    return { written: winners.length, stale };
  }

  return { write };
}
