import type { EachBatchPayload } from 'kafkajs';
import {
  errorCode,
  errorMessage,
  isProgrammerError,
  retry,
  type DeadLetter,
  type Dlq,
  type Logger,
  type RetryOptions,
} from '@nobel-pipeline/common';
import { dbErrorKind, type PrizeWriter, type WriteResult } from '@nobel-pipeline/db';
import type { SinkMetrics } from './metrics';
import type { PartitionHealth } from './partition-health';
import { decodeRecord, type Decoded, type RecordDecoders, type Writable } from './records';
import { writeRecords } from './write-stage';

export interface BatchHandlerDeps {
  decoders: RecordDecoders;
  writer: PrizeWriter;
  dlq: Dlq;
  /**
   * Commits `offset` (the next one to read) for the partition; `allowed` says, when the
   * commit's turn comes, whether this member may still commit it (the consumer running, the
   * partition still its own).
   */
  commit: (
    topic: string,
    partition: number,
    offset: string,
    allowed: () => boolean,
  ) => Promise<void>;
  metrics: SinkMetrics;
  logger: Logger;
  /** Transactions one batch is written in at the same time (SINK_WRITERS_PER_BATCH). */
  writersPerBatch?: number;
  /** The first and the longest wait between two attempts. */
  retry: { initialMs: number; maxMs: number };
  health: PartitionHealth;
  isStopping: () => boolean;
  /** Hears of every batch once it is committed: its partition and how many records it held. */
  onBatch?: (batch: { topic: string; partition: number; records: number }) => void;
  /** A bug of ours (a TypeError...): never retried, never dead-lettered; main exits. */
  onProgrammerError: (error: unknown) => void;
}

/**
 * One batch of one partition, in stages: decode and validate every record (the bad ones are
 * set aside for the DLQ), write them (write-stage.ts: the latest version of each key, what may
 * pass with time retried, what the database refuses found by halves), send what cannot be
 * stored to the DLQ, and only then commit the offset.
 *
 * While a stage retries, the partition is paused and heartbeats are kept up; past
 * SINK_STUCK_AFTER_SECONDS /readyz reports the partition. A bug of ours (a TypeError) is
 * neither retried nor dead-lettered: the sink stops, loudly. Nothing is committed past an
 * unwritten record: the batch is written and committed, or abandoned (shutdown, rebalance)
 * uncommitted — and then resumed, so that it is read again.
 */
type Invalid = Extract<Decoded, { kind: 'invalid' }>;

/** The records to write, and those that failed decoding or validation (for the DLQ). */
export function splitByValidity(decoded: readonly Decoded[]): {
  valid: Writable[];
  invalid: Invalid[];
} {
  const valid: Writable[] = [];
  const invalid: Invalid[] = [];
  for (const record of decoded) {
    if (record.kind === 'invalid') invalid.push(record);
    else valid.push(record);
  }
  return { valid, invalid };
}

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
      onFailure?: (error: unknown) => void,
    ): Omit<RetryOptions, 'isRetriable'> => ({
      ...deps.retry,
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
        // The registry unreachable (RegistryUnavailableError) says it is retriable.
        patiently('reading the schema registry'),
      );
    };

    /** The records nothing can store, with why, on the DLQ; Kafka's troubles are waited out. */
    const deadLetter = async (letters: readonly DeadLetter[]): Promise<void> => {
      if (letters.length === 0) return;
      // Kafka's refusals of size are handled by the DLQ itself; the rest is waited out.
      await retry(() => deps.dlq.send(letters), {
        ...patiently('sending to the DLQ'),
        isRetriable: () => true,
      });
      for (const letter of letters) {
        deps.metrics.dlq.inc({ topic: batch.topic, error: errorCode(letter.error) });
        log.warn(
          { offset: letter.message.offset, error: letter.error.message },
          `record sent to ${deps.dlq.topic}`,
        );
      }
    };

    /** The latest version of each key written; what the database refuses, found and set aside. */
    const write = (valid: readonly Writable[]) =>
      writeRecords(valid, {
        writer: deps.writer,
        writers: deps.writersPerBatch,
        retry: patiently('writing to the database', (error) => {
          deps.metrics.dbErrors.inc({ kind: dbErrorKind(error) });
          deps.metrics.dbRetries.inc();
        }),
        onDbError: (kind) => deps.metrics.dbErrors.inc({ kind }),
        onRefused: ({ record, error }) =>
          log.warn(
            { err: error.cause, offset: record.offset, key: record.key },
            'the database refused a record: it goes to the DLQ',
          ),
      });

    /** Every record's fate is known: the consumer may move past the batch, and the group know it. */
    const commit = async (): Promise<string> => {
      resolveOffset(batch.lastOffset());
      const next = (BigInt(batch.lastOffset()) + 1n).toString();
      await deps.commit(batch.topic, batch.partition, next, () => isRunning() && !isStale());
      return next;
    };

    /** What the batch did, in metrics and one debug line. */
    const report = (written: WriteResult, deadLettered: number, next: string): void => {
      deps.metrics.batches.inc({ topic: batch.topic });
      deps.metrics.rows.inc({ table: 'prizes' }, written.prizes);
      deps.metrics.rows.inc({ table: 'laureates' }, written.laureates);
      deps.metrics.rows.inc({ table: 'prize_laureates' }, written.entries);
      deps.metrics.rows.inc({ table: 'laureate_details' }, written.laureateDetails);
      deps.metrics.rows.inc({ table: 'fetch_runs' }, written.runs);
      deps.metrics.stale.inc(written.stale);
      deps.metrics.lastCommit.set(Date.now() / 1000);
      deps.metrics.lag.set(
        { topic: batch.topic, partition: String(batch.partition) },
        Number(batch.offsetLag()),
      );
      log.debug(
        { records: batch.messages.length, ...written, dlq: deadLettered, committed: next },
        'batch written',
      );
      deps.onBatch?.({ ...where, records: batch.messages.length });
    };

    let committed = false;
    try {
      // decode + validate; dedupe + write (write-stage.ts); dead-letter; commit.
      const { valid, invalid } = splitByValidity(await decode());
      await heartbeat();
      const { written, refused } = await write(valid);
      const letters: DeadLetter[] = [
        ...invalid.map(({ message, error }) => ({ ...where, message, error })),
        ...refused.map(({ record, error }) => ({ ...where, message: record.message, error })),
      ];
      await deadLetter(letters);
      const next = await commit();
      committed = true;
      deps.health.recovered(batch.topic, batch.partition);
      resume?.();
      report(written, letters.length, next);
    } catch (error) {
      if (isProgrammerError(error)) {
        log.fatal({ err: error }, 'a bug in the sink: the batch is neither written nor skipped');
        deps.onProgrammerError(error);
      }
      throw error;
    } finally {
      if (!committed) {
        // Abandoned (shutdown, a lost partition): a paused partition must not stay paused if
        // this member keeps it, and it is no longer retrying here.
        resume?.();
        deps.health.recovered(batch.topic, batch.partition);
      }
    }
  };
}
