import { Transaction, type Sequelize } from 'sequelize';
import type { Models, LaureateRow } from '../models/models';
import type { PrizeRows, RunRows } from '../mapping/to-rows';
import type { LaureateRows } from '../mapping/laureate-rows';
import { createLaureateWriter } from './laureate-writer';
import { asDatabaseError } from '../errors';
import { recordNames } from './laureate-directory';
import { byKey, placeholders, upsertBulk, upsertShape, type UpsertShape } from './upsert-sql';
import { fromUtcDateTime, utcDateTimeOf } from './datetime';

/** A raw mariadb driver connection: what a Sequelize transaction runs on. */
export interface RawConnection {
  query(sql: string, values?: unknown[]): Promise<unknown>;
  /** One statement for many rows of values (the binary protocol's bulk execution). */
  batch(sql: string, values: unknown[][]): Promise<unknown>;
}

export interface WriteBatch {
  prizes: readonly PrizeRows[];
  /** Laureate events (the laureates source); absent is none. */
  laureates?: readonly LaureateRows[];
  runs: readonly RunRows[];
}

export interface WriteResult {
  prizes: number;
  /** Prize and laureate events older than the stored row: not applied. */
  stale: number;
  /** Laureates' names, from prize events. */
  laureates: number;
  /** Laureate events written (laureate_details and its children). */
  laureateDetails: number;
  entries: number;
  entriesRemoved: number;
  runs: number;
}

/** A write that changed nothing: what an empty batch, or a refused one, wrote. */
export const NOTHING_WRITTEN: Readonly<WriteResult> = Object.freeze({
  prizes: 0,
  stale: 0,
  laureates: 0,
  laureateDetails: 0,
  entries: 0,
  entriesRemoved: 0,
  runs: 0,
});

/** Two writes' counts added up. */
export function addWriteResults(a: WriteResult, b: WriteResult): WriteResult {
  return {
    prizes: a.prizes + b.prizes,
    stale: a.stale + b.stale,
    laureates: a.laureates + b.laureates,
    laureateDetails: a.laureateDetails + b.laureateDetails,
    entries: a.entries + b.entries,
    entriesRemoved: a.entriesRemoved + b.entriesRemoved,
    runs: a.runs + b.runs,
  };
}

export interface PrizeWriter {
  /** Writes a batch in one transaction (READ COMMITTED), newer wins, rows in key order. */
  write(batch: WriteBatch): Promise<WriteResult>;
}

/** Deletes the prize_laureates rows of these prizes whose laureate is not in the new set. */
async function removeStaleEntries(
  connection: RawConnection,
  prizes: readonly PrizeRows[],
): Promise<number> {
  const keep = prizes.flatMap((p) => p.entries);
  const notKept =
    keep.length === 0
      ? ''
      : ` AND (prize_id, laureate_id) NOT IN (${keep.map(() => '(?, ?)').join(', ')})`;
  const removed = (await connection.query(
    `DELETE FROM prize_laureates WHERE prize_id IN (${placeholders(prizes.length)})${notKept}`,
    [...prizes.map((p) => p.prize.id), ...keep.flatMap((e) => [e.prizeId, e.laureateId])],
  )) as { affectedRows: number };
  return removed.affectedRows;
}

/**
 * The sink's write path. Sequelize owns the models, the pool and the transaction; the
 * upserts are derived from the models and run on the transaction's own connection with the
 * driver's batch(): one statement, every row's values in the binary protocol's bulk execution
 * (faster than one multi-row text statement, and several times faster than bulkCreate, which
 * builds a model instance per row: see `npm run bench:sink`).
 * Upserts match on primary keys only. Rows go in primary-key order, which keeps concurrent
 * batches from deadlocking on each other's locks.
 */
export function createPrizeWriter(sequelize: Sequelize, models: Models): PrizeWriter {
  const shapes = {
    prizes: upsertShape(models.Prize),
    laureates: upsertShape(models.Laureate),
    entries: upsertShape(models.PrizeLaureate),
    runs: upsertShape(models.FetchRun),
    runSources: upsertShape(models.FetchRunSource),
  } satisfies Record<string, UpsertShape>;
  const laureateWriter = createLaureateWriter(models, upsert);

  async function upsert(
    connection: RawConnection,
    shape: UpsertShape,
    rows: readonly object[],
    newerWins?: string,
  ): Promise<void> {
    if (rows.length === 0) return;
    const bulk = upsertBulk(shape, rows, { newerWins });
    await connection.batch(bulk.sql, bulk.rows);
  }

  /** Writes the batch; a failure comes out as a DatabaseError saying whether it may pass. */
  async function write(batch: WriteBatch): Promise<WriteResult> {
    try {
      return await transactionally(batch);
    } catch (error) {
      throw asDatabaseError(error);
    }
  }

  async function transactionally(batch: WriteBatch): Promise<WriteResult> {
    const isolationLevel = Transaction.ISOLATION_LEVELS.READ_COMMITTED;
    return sequelize.transaction({ isolationLevel }, async (transaction) => {
      // Sequelize keeps the transaction's driver connection here; its type does not say so.
      const connection = (transaction as unknown as { connection: RawConnection }).connection;
      const result: WriteResult = { ...NOTHING_WRITTEN };

      const incoming = byKey(batch.prizes, (p) => p.prize.id);
      const storedAt = new Map<string, number>();
      if (incoming.length > 0) {
        // Newer wins: lock the stored rows, keep the events at least as recent as them.
        // Read as UTC text: the driver would parse a DATETIME in the process's time zone.
        const stored = (await connection.query(
          `SELECT id, ${utcDateTimeOf('fetched_at')} AS fetchedAt FROM prizes WHERE id IN (${placeholders(incoming.length)}) ORDER BY id FOR UPDATE`,
          incoming.map((p) => p.prize.id),
        )) as { id: string; fetchedAt: string }[];
        for (const row of stored) storedAt.set(row.id, fromUtcDateTime(row.fetchedAt).getTime());
      }
      const winners = incoming.filter(
        (p) => p.prize.fetchedAt.getTime() >= (storedAt.get(p.prize.id) ?? -Infinity),
      );
      result.stale = incoming.length - winners.length;

      if (winners.length > 0) {
        await upsert(
          connection,
          shapes.prizes,
          winners.map((p) => p.prize),
        );
        result.prizes = winners.length;

        // A laureate appears in several prizes: keep its most recent version.
        const laureates = new Map<string, LaureateRow>();
        for (const row of winners.flatMap((p) => p.laureates)) {
          const seen = laureates.get(row.id);
          if (seen === undefined || row.fetchedAt >= seen.fetchedAt) laureates.set(row.id, row);
        }
        const names = byKey([...laureates.values()], (l) => l.id);
        await upsert(connection, shapes.laureates, names, 'fetched_at');
        await recordNames(connection, names);
        result.laureates = laureates.size;

        // The laureate set of a prize stored before is replaced: entries no longer in it go.
        const replaced = winners.filter((p) => storedAt.has(p.prize.id));
        if (replaced.length > 0)
          result.entriesRemoved = await removeStaleEntries(connection, replaced);
        const entries = byKey(
          winners.flatMap((p) => p.entries),
          (e) => `${e.prizeId}\u0000${e.laureateId}`,
        );
        await upsert(connection, shapes.entries, entries);
        result.entries = entries.length;
      }

      const laureates = await laureateWriter.write(connection, batch.laureates ?? []);
      result.laureateDetails = laureates.written;
      result.stale += laureates.stale;

      if (batch.runs.length > 0) {
        const runs = byKey(batch.runs, (r) => r.run.runId);
        await upsert(
          connection,
          shapes.runs,
          runs.map((r) => r.run),
        );
        // A FetchRun is written once, whole: its sources come with it (none for v1 records).
        await upsert(
          connection,
          shapes.runSources,
          runs.flatMap((r) => byKey(r.sources, (s) => s.source)),
        );
        result.runs = batch.runs.length;
      }
      return result;
    });
  }

  return { write };
}
