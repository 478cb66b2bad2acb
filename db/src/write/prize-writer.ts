import { Transaction, type Sequelize } from 'sequelize';
import type { Models, FetchRunRow, LaureateRow } from '../models/models';
import type { PrizeRows } from '../mapping/to-rows';
import { chunks, upsertShape, upsertStatement, type UpsertShape } from './upsert-sql';

/** A raw mariadb driver connection: what a Sequelize transaction runs on. */
export interface RawConnection {
  query(sql: string, values?: unknown[]): Promise<unknown>;
}

export interface WriteBatch {
  prizes: readonly PrizeRows[];
  runs: readonly FetchRunRow[];
}

export interface WriteResult {
  prizes: number;
  /** Prize events older than the stored row: not applied. */
  stale: number;
  laureates: number;
  entries: number;
  entriesRemoved: number;
  runs: number;
}

export interface PrizeWriter {
  /** Writes a batch in one transaction (READ COMMITTED), newer wins, rows in key order. */
  write(batch: WriteBatch): Promise<WriteResult>;
}

/** Rows per statement: ~2 KB a prize row, far below max_allowed_packet (16 MB). */
export const ROWS_PER_STATEMENT = 500;

function byKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * The sink's write path. Sequelize owns the models, the pool and the transaction; the
 * statements are multi-row upserts derived from the models and run on the transaction's own
 * connection (several times faster than bulkCreate, which builds a model instance per row).
 * Upserts match on primary keys only. Rows go in primary-key order, which keeps concurrent
 * batches from deadlocking on each other's locks.
 */
export function createPrizeWriter(sequelize: Sequelize, models: Models): PrizeWriter {
  const shapes = {
    prizes: upsertShape(models.Prize),
    laureates: upsertShape(models.Laureate),
    entries: upsertShape(models.PrizeLaureate),
    runs: upsertShape(models.FetchRun),
  } satisfies Record<string, UpsertShape>;

  async function upsert(
    connection: RawConnection,
    shape: UpsertShape,
    rows: readonly object[],
    newerWins?: string,
  ): Promise<void> {
    for (const group of chunks(rows, ROWS_PER_STATEMENT)) {
      const { sql, values } = upsertStatement(shape, group, { newerWins });
      await connection.query(sql, values);
    }
  }

  async function write(batch: WriteBatch): Promise<WriteResult> {
    return sequelize.transaction(
      { isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED },
      async (transaction) => {
        // Sequelize keeps the transaction's driver connection here; its type does not say so.
        const connection = (transaction as unknown as { connection: RawConnection }).connection;
        const result: WriteResult = {
          prizes: 0,
          stale: 0,
          laureates: 0,
          entries: 0,
          entriesRemoved: 0,
          runs: 0,
        };

        const incoming = byKey(batch.prizes, (p) => p.prize.id);
        let winners = incoming;
        if (incoming.length > 0) {
          // Newer wins: lock the stored rows and keep the events at least as recent as them.
          const stored = (await connection.query(
            `SELECT id, fetched_at AS fetchedAt FROM prizes WHERE id IN (${incoming.map(() => '?').join(', ')}) ORDER BY id FOR UPDATE`,
            incoming.map((p) => p.prize.id),
          )) as { id: string; fetchedAt: Date }[];
          const storedAt = new Map(stored.map((row) => [row.id, row.fetchedAt.getTime()]));
          winners = incoming.filter(
            (p) => p.prize.fetchedAt.getTime() >= (storedAt.get(p.prize.id) ?? -Infinity),
          );
          result.stale = incoming.length - winners.length;
        }

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
          await upsert(
            connection,
            shapes.laureates,
            byKey([...laureates.values()], (l) => l.id),
            'fetched_at',
          );
          result.laureates = laureates.size;

          // Each winning prize's laureate set is replaced: entries no longer in it are removed.
          const removed = (await connection.query(
            `DELETE FROM prize_laureates WHERE prize_id IN (${winners.map(() => '?').join(', ')})${
              winners.some((p) => p.entries.length > 0)
                ? ` AND (prize_id, laureate_id) NOT IN (${winners
                    .flatMap((p) => p.entries)
                    .map(() => '(?, ?)')
                    .join(', ')})`
                : ''
            }`,
            [
              ...winners.map((p) => p.prize.id),
              ...winners.flatMap((p) => p.entries.flatMap((e) => [e.prizeId, e.laureateId])),
            ],
          )) as { affectedRows: number };
          result.entriesRemoved = removed.affectedRows;
          const entries = byKey(
            winners.flatMap((p) => p.entries),
            (e) => `${e.prizeId}\u0000${e.laureateId}`,
          );
          await upsert(connection, shapes.entries, entries);
          result.entries = entries.length;
        }

        if (batch.runs.length > 0) {
          await upsert(
            connection,
            shapes.runs,
            byKey(batch.runs, (r) => r.runId),
          );
          result.runs = batch.runs.length;
        }
        return result;
      },
    );
  }

  return { write };
}
