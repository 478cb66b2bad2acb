import {
  isProgrammerError,
  retry,
  RetryStoppedError,
  type RetryOptions,
} from '@nobel-pipeline/common';
import {
  dbErrorKind,
  type PrizeWriter,
  addWriteResults,
  byKey,
  NOTHING_WRITTEN,
  type WriteBatch,
  type WriteResult,
  type LaureateRows,
} from '@nobel-pipeline/db';
import { RefusedByDatabaseError } from './errors';
import { byVersion, type Writable } from './records';

function toWriteBatch(records: readonly Writable[]): WriteBatch {
  const batch: {
    prizes: WriteBatch['prizes'][number][];
    laureates: LaureateRows[];
    runs: WriteBatch['runs'][number][];
  } = { prizes: [], laureates: [], runs: [] };
  for (const r of records) {
    if (r.kind === 'prize') batch.prizes.push(r.rows);
    else if (r.kind === 'laureate') batch.laureates.push(r.laureate);
    else batch.runs.push(r.row);
  }
  return batch;
}

export interface Refusal {
  record: Writable;
  error: RefusedByDatabaseError;
}

export interface WriteStageDeps {
  writer: PrizeWriter;
  /** The retrier's options for a write (backoff, stop, heartbeats, logs). */
  retry: Omit<RetryOptions, 'isRetriable'>;
  /** A failed attempt, by kind (deadlock, connection, other...), for the metrics. */
  onDbError: (kind: string) => void;
  onRefused: (refusal: Refusal) => void;
  /**
   * Transactions a batch's records are written in at the same time, each holding a range of
   * consecutive keys (SINK_WRITERS_PER_BATCH); 1 or absent: one.
   */
  writers?: number;
}

/** Fewer records than this are not worth a transaction of their own. */
export const MIN_RECORDS_PER_WRITER = 50;

/**
 * The records (one version per key) in key order, cut into at most `writers` ranges of
 * consecutive keys, as even as can be (their lengths differ by one at most), none shorter than
 * MIN_RECORDS_PER_WRITER unless the records are: what the writers write at once. Ranges of
 * keys, not keys dealt round: two transactions then share no prize, and meet only on the
 * laureates that prizes of both name (each locks rows in key order, in one statement per
 * table, so they wait on each other there, and do not deadlock).
 */
export function keyRanges(records: readonly Writable[], writers: number): Writable[][] {
  // Not a setting's rule (config.ts checks that): a wrong value here would write nothing.
  if (!Number.isInteger(writers) || writers < 1)
    throw new TypeError(`writers must be a whole number of at least 1, got ${writers}`);
  const sorted = byKey(records, (r) => r.key);
  const count = Math.max(1, Math.min(writers, Math.floor(sorted.length / MIN_RECORDS_PER_WRITER)));
  const base = Math.floor(sorted.length / count);
  const longer = sorted.length % count;
  const ranges: Writable[][] = [];
  let at = 0;
  for (let i = 0; i < count && at < sorted.length; i++) {
    const size = base + (i < longer ? 1 : 0);
    ranges.push(sorted.slice(at, at + size));
    at += size;
  }
  return ranges;
}

/**
 * The ranges written at the same time. Once one throws (a bug of ours, a stop), the others'
 * retries stop too — a range must not retry for ever behind a failure the batch already has —
 * and every one settles before the first failure is thrown, a bug of ours before anything else
 * (not Promise.all: a range still writing must not be left running behind the batch's back).
 */
async function writeRanges(
  ranges: readonly Writable[][],
  deps: WriteStageDeps,
): Promise<{ written: WriteResult; refused: Refusal[] }[]> {
  // The first failure: the cause; the ranges it stopped fail after it, because of it.
  let first: { error: unknown } | undefined;
  const stop = () =>
    deps.retry.stop?.() ?? (first === undefined ? undefined : 'another range of the batch failed');
  const outcomes = await Promise.allSettled(
    ranges.map((range) =>
      bisect(range, { ...deps, retry: { ...deps.retry, stop } }).catch((error: unknown) => {
        first ??= { error };
        throw error;
      }),
    ),
  );
  const failures: unknown[] = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
  if (failures.length > 0) throw failures.find(isProgrammerError) ?? first?.error ?? failures[0];
  return outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
}

/**
 * Writes what a batch holds, so that every record is written, superseded by a newer version
 * of its key that was written, or refused:
 * - the newest version of each key (by its fetchedAt, then its offset) is written, in one
 *   transaction, or in `writers` at the same time, each a range of keys (keyRanges): every
 *   version of a key is in the same range, and the batch is committed only once all are
 *   written (a range written and then rewritten after another's failure is written again with
 *   the same values: newer wins keeps a row's most recent version);
 * - what may pass with time (isRetriableDbError: the server unreachable or read-only, a
 *   deadlock, a lock wait timeout, too many connections, a full table or disk, a schema not
 *   migrated or a grant missing) is retried, never skipped;
 * - anything else the database answers is a refusal of the values: the records are written in
 *   halves, each in its own transaction, down to the single records it refuses — those go to
 *   the DLQ, and the version of the same key before a refused one is written in its place;
 * - a bug of ours (a TypeError) and a stop request are thrown.
 */
export async function writeRecords(
  records: readonly Writable[],
  deps: WriteStageDeps,
): Promise<{ written: WriteResult; refused: Refusal[] }> {
  const versions = new Map<string, Writable[]>();
  for (const record of records) {
    const list = versions.get(record.key) ?? [];
    list.push(record);
    versions.set(record.key, list);
  }
  for (const list of versions.values()) list.sort(byVersion);
  const latest = (key: string) => versions.get(key)?.pop();

  let written = NOTHING_WRITTEN;
  const refused: Refusal[] = [];
  let round = [...versions.keys()].flatMap((key) => latest(key) ?? []);
  while (round.length > 0) {
    const results = await writeRanges(keyRanges(round, deps.writers ?? 1), deps);
    const refusedNow = results.flatMap((result) => result.refused);
    for (const result of results) written = addWriteResults(written, result.written);
    refused.push(...refusedNow);
    // The version before each refused one, where the batch holds one.
    round = refusedNow.flatMap(({ record }) => latest(record.key) ?? []);
  }
  return { written, refused };
}

async function bisect(
  records: readonly Writable[],
  deps: WriteStageDeps,
): Promise<{ written: WriteResult; refused: Refusal[] }> {
  if (records.length === 0) return { written: NOTHING_WRITTEN, refused: [] };
  try {
    // The writer's DatabaseError says whether it may pass (isRetriableDbError).
    const written = await retry(() => deps.writer.write(toWriteBatch(records)), deps.retry);
    return { written, refused: [] };
  } catch (error) {
    if (error instanceof RetryStoppedError || isProgrammerError(error)) throw error;
    deps.onDbError(dbErrorKind(error));
    const [only] = records;
    if (records.length === 1 && only !== undefined) {
      const refusal = { record: only, error: new RefusedByDatabaseError(error) };
      deps.onRefused(refusal);
      return { written: NOTHING_WRITTEN, refused: [refusal] };
    }
    const middle = Math.ceil(records.length / 2);
    const first = await bisect(records.slice(0, middle), deps);
    const second = await bisect(records.slice(middle), deps);
    return {
      written: addWriteResults(first.written, second.written),
      refused: [...first.refused, ...second.refused],
    };
  }
}
