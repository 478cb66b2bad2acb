import type { EachBatchPayload } from 'kafkajs';
import {
  errorMessage,
  isProgrammerError,
  retry,
  RetryStoppedError,
  type Logger,
  type RetryOptions,
} from '@nobel-pipeline/common';
import {
  dbErrorKind,
  isRefusedByDatabase,
  type PrizeWriter,
  type WriteBatch,
  type WriteResult,
} from '@nobel-pipeline/db';
import type { DeadLetter, Dlq } from '@nobel-pipeline/common';
import { RefusedByDatabaseError } from './errors';
import type { SinkMetrics } from './metrics';
import type { PartitionHealth } from './partition-health';
import { decodeRecord, latestPerKey, type RecordDecoders, type Writable } from './records';

export interface BatchHandlerDeps {
  decoders: RecordDecoders;
  writer: PrizeWriter;
  dlq: Dlq;
  /** Commits `offset` (the next one to read) for the partition. */
  commit: (topic: string, partition: number, offset: string) => Promise<void>;
  metrics: SinkMetrics;
  logger: Logger;
  /** The first and the longest wait between two attempts. */
  retry: { initialMs: number; maxMs: number };
  health: PartitionHealth;
  isStopping: () => boolean;
  /** A bug of ours (a TypeError...): never retried, never dead-lettered; main exits. */
  onProgrammerError: (error: unknown) => void;
}

const NOTHING_WRITTEN: WriteResult = {
  prizes: 0,
  stale: 0,
  laureates: 0,
  entries: 0,
  entriesRemoved: 0,
  runs: 0,
};

function sum(a: WriteResult, b: WriteResult): WriteResult {
  return {
    prizes: a.prizes + b.prizes,
    stale: a.stale + b.stale,
    laureates: a.laureates + b.laureates,
    entries: a.entries + b.entries,
    entriesRemoved: a.entriesRemoved + b.entriesRemoved,
    runs: a.runs + b.runs,
  };
}

function toWriteBatch(records: readonly Writable[]): WriteBatch {
  const batch: { prizes: WriteBatch['prizes'][number][]; runs: WriteBatch['runs'][number][] } = {
    prizes: [],
    runs: [],
  };
  for (const r of records) {
    if (r.kind === 'prize') batch.prizes.push(r.rows);
    else batch.runs.push(r.row);
  }
  return batch;
}

/**
 * One batch of one partition, in stages: decode and validate every record (the bad ones are
 * set aside for the DLQ), keep the latest record per key, write them (one transaction), send
 * the bad ones to the DLQ, and only then commit the offset.
 *
 * What may pass with time — the registry unreachable, the database unreachable, a deadlock, a
 * lock wait timeout, a read-only server, and any error not recognised — is retried with capped
 * backoff, the partition paused, heartbeats kept up; past SINK_STUCK_AFTER_SECONDS /readyz
 * reports the partition. What cannot — the database refusing the values of a record that
 * passed validation (a data exception or a constraint: isRefusedByDatabase) — is not retried:
 * the batch is written in halves until the refused records are found; they go to the DLQ with
 * the database's reason, the rest is written, and the partition moves on. A bug of ours (a
 * TypeError) is neither: the sink stops, loudly. Nothing is committed past an unwritten
 * record: the batch is written and committed, or abandoned (shutdown, rebalance) uncommitted.
 */
export function createBatchHandler(deps: BatchHandlerDeps) {
  return async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isRunning, isStale, pause, resolveOffset } = payload;
    if (batch.isEmpty()) return;
    const where = { topic: batch.topic, partition: batch.partition };
    const log = deps.logger.child(where);
    let resume: (() => void) | undefined;

    /** The retrier's options for one stage: the partition waits, paused, and says so. */
    const patiently = (
      stage: string,
      isRetriable: (error: unknown) => boolean,
      onFailure?: (error: unknown) => void,
    ): RetryOptions => ({
      ...deps.retry,
      isRetriable,
      tick: heartbeat,
      stop: () =>
        deps.isStopping()
          ? 'shutting down'
          : !isRunning()
            ? 'the consumer stopped'
            : isStale()
              ? 'the partition was reassigned'
              : undefined,
      onRetry: ({ error, attempt, waitMs }) => {
        resume ??= pause();
        onFailure?.(error);
        deps.health.retrying(batch.topic, batch.partition, `${stage}: ${errorMessage(error)}`);
        log.warn(
          { err: error, attempt, waitMs },
          `${stage} failed; the partition waits and retries`,
        );
      },
    });

    /** Decode and validate every record; the registry unreachable is waited out. */
    const decode = () => {
      const receivedAt = new Date();
      return retry(
        () =>
          Promise.all(
            batch.messages.map((m) => decodeRecord(batch.topic, m, deps.decoders, receivedAt)),
          ),
        patiently(
          'reading the schema registry',
          (e) => (e as { retriable?: unknown }).retriable === true,
        ),
      );
    };

    /**
     * Writes the records in one transaction; when the database refuses it for good, writes
     * each half in its own, down to the single records it refuses.
     */
    const write = async (
      records: readonly Writable[],
    ): Promise<{ written: WriteResult; refused: DeadLetter[] }> => {
      if (records.length === 0) return { written: NOTHING_WRITTEN, refused: [] };
      try {
        const written = await retry(
          () => deps.writer.write(toWriteBatch(records)),
          // Everything but a refusal of the values is waited out: a server that is down or
          // read-only, a deadlock, and what we do not recognise (it shows on /readyz in time).
          patiently(
            'writing to the database',
            (e) => !isRefusedByDatabase(e),
            (error) => {
              deps.metrics.dbErrors.inc({ kind: dbErrorKind(error) });
              deps.metrics.dbRetries.inc();
            },
          ),
        );
        return { written, refused: [] };
      } catch (error) {
        if (error instanceof RetryStoppedError || isProgrammerError(error)) throw error;
        deps.metrics.dbErrors.inc({ kind: dbErrorKind(error) });
        const [only] = records;
        if (records.length === 1 && only !== undefined) {
          log.warn(
            { err: error, offset: only.offset, key: only.key },
            'the database refused a record: it goes to the DLQ',
          );
          return {
            written: NOTHING_WRITTEN,
            refused: [
              { ...where, message: only.message, error: new RefusedByDatabaseError(error) },
            ],
          };
        }
        const middle = Math.ceil(records.length / 2);
        const first = await write(records.slice(0, middle));
        const second = await write(records.slice(middle));
        return {
          written: sum(first.written, second.written),
          refused: [...first.refused, ...second.refused],
        };
      }
    };

    /** The records nothing can store, with why, on the DLQ; Kafka's troubles are waited out. */
    const deadLetter = async (letters: readonly DeadLetter[]): Promise<void> => {
      if (letters.length === 0) return;
      await retry(
        () => deps.dlq.send(letters),
        patiently('sending to the DLQ', () => true),
      );
      for (const letter of letters) {
        deps.metrics.dlq.inc({ topic: batch.topic, error: letter.error.name });
        log.warn(
          { offset: letter.message.offset, error: letter.error.message },
          `record sent to ${deps.dlq.topic}`,
        );
      }
    };

    try {
      const decoded = await decode();
      const invalid: DeadLetter[] = [];
      const valid: Writable[] = [];
      for (const record of decoded) {
        if (record.kind === 'invalid')
          invalid.push({ ...where, message: record.message, error: record.error });
        else valid.push(record);
      }
      await heartbeat();
      const { written, refused } = await write(latestPerKey(valid));
      await deadLetter([...invalid, ...refused]);

      // Written: the consumer may move past the batch, and the group may know it.
      resolveOffset(batch.lastOffset());
      const next = (BigInt(batch.lastOffset()) + 1n).toString();
      await deps.commit(batch.topic, batch.partition, next);
      deps.health.recovered(batch.topic, batch.partition);
      resume?.();

      deps.metrics.batches.inc({ topic: batch.topic });
      deps.metrics.rows.inc({ table: 'prizes' }, written.prizes);
      deps.metrics.rows.inc({ table: 'laureates' }, written.laureates);
      deps.metrics.rows.inc({ table: 'prize_laureates' }, written.entries);
      deps.metrics.rows.inc({ table: 'fetch_runs' }, written.runs);
      deps.metrics.stale.inc(written.stale);
      deps.metrics.lastCommit.set(Date.now() / 1000);
      deps.metrics.lag.set(
        { topic: batch.topic, partition: String(batch.partition) },
        Number(batch.offsetLag()),
      );
      log.debug(
        {
          records: batch.messages.length,
          ...written,
          dlq: invalid.length + refused.length,
          committed: next,
        },
        'batch written',
      );
    } catch (error) {
      if (isProgrammerError(error)) {
        log.fatal({ err: error }, 'a bug in the sink: the batch is neither written nor skipped');
        deps.onProgrammerError(error);
      }
      throw error;
    }
  };
}
