import type { EachBatchPayload } from 'kafkajs';
import type { Logger } from '@nobel-pipeline/common';
import {
  dbErrorKind,
  isRetriableDbError,
  type PrizeRows,
  type PrizeWriter,
} from '@nobel-pipeline/db';
import type { FetchRunRow } from '@nobel-pipeline/db';
import type { DeadLetter, Dlq } from './dlq';
import type { SinkMetrics } from './metrics';
import { decodeRecord, latestPerKey, type RecordDecoders } from './records';
import { persist } from './retry';

export interface BatchHandlerDeps {
  decoders: RecordDecoders;
  writer: PrizeWriter;
  dlq: Dlq;
  /** Commits `offset` (the next one to read) for the partition. */
  commit: (topic: string, partition: number, offset: string) => Promise<void>;
  metrics: SinkMetrics;
  logger: Logger;
  retry: { baseMs: number; maxMs: number };
  isStopping: () => boolean;
}

/**
 * One batch of one partition: decode and validate every record (the bad ones are set aside
 * for the DLQ, the rest goes on), keep the latest record per key, write everything in one
 * database transaction, send the bad ones to the DLQ, and only then commit the offset.
 *
 * A database or DLQ failure is retried with capped backoff, the partition paused, heartbeats
 * kept up — never skipped, never committed past: the batch is either written and committed,
 * or abandoned (shutdown, rebalance) uncommitted and read again later.
 */
export function createBatchHandler(deps: BatchHandlerDeps) {
  return async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isRunning, isStale, pause, resolveOffset } = payload;
    if (batch.isEmpty()) return;
    const log = deps.logger.child({ topic: batch.topic, partition: batch.partition });
    const stop = () =>
      deps.isStopping()
        ? 'shutting down'
        : !isRunning()
          ? 'the consumer stopped'
          : isStale()
            ? 'the partition was reassigned'
            : undefined;
    let resume: (() => void) | undefined;
    const pauseOnce = () => {
      resume ??= pause();
    };

    const now = new Date();
    const decoded = await persist(
      () =>
        Promise.all(
          batch.messages.map((message) => decodeRecord(batch.topic, message, deps.decoders, now)),
        ),
      {
        ...deps.retry,
        stop,
        tick: heartbeat,
        onFailure: (error, attempt, waitMs) => {
          pauseOnce();
          log.warn(
            { err: error, attempt, waitMs },
            'the schema registry is not reachable; retrying the batch',
          );
        },
      },
    );

    const letters: DeadLetter[] = [];
    const prizes: (PrizeRows & { key: string; offset: string })[] = [];
    const runs: (FetchRunRow & { key: string; offset: string })[] = [];
    for (const record of decoded) {
      if (record.kind === 'invalid')
        letters.push({
          topic: batch.topic,
          partition: batch.partition,
          message: record.message,
          error: record.error,
        });
      else if (record.kind === 'prize')
        prizes.push({ ...record.rows, key: record.key, offset: record.offset });
      else runs.push({ ...record.row, key: record.key, offset: record.offset });
    }
    await heartbeat();

    const written = await persist(
      () => deps.writer.write({ prizes: latestPerKey(prizes), runs: latestPerKey(runs) }),
      {
        ...deps.retry,
        stop,
        tick: heartbeat,
        onFailure: (error, attempt, waitMs) => {
          pauseOnce();
          const kind = dbErrorKind(error);
          deps.metrics.dbErrors.inc({ kind });
          deps.metrics.dbRetries.inc();
          if (isRetriableDbError(error)) {
            log.warn(
              { err: error, kind, attempt, waitMs },
              'database write failed; the partition waits and retries',
            );
          } else {
            // Valid records only reach the database, so this is not the data's fault: the
            // batch is kept (never skipped, never sent to the DLQ) and retried.
            log.error(
              { err: error, kind, attempt, waitMs },
              'database write failed unexpectedly; retrying',
            );
          }
        },
      },
    );

    if (letters.length > 0) {
      await persist(() => deps.dlq.send(letters), {
        ...deps.retry,
        stop,
        tick: heartbeat,
        onFailure: (error, attempt, waitMs) => {
          pauseOnce();
          log.warn({ err: error, attempt, waitMs }, 'could not send to the DLQ; retrying');
        },
      });
      for (const letter of letters) {
        deps.metrics.dlq.inc({ topic: batch.topic, error: letter.error.name });
        log.warn(
          { offset: letter.message.offset, error: letter.error.message },
          `record sent to ${deps.dlq.topic}`,
        );
      }
    }

    // Written: the consumer may move past the batch, and the group may know it.
    resolveOffset(batch.lastOffset());
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    await deps.commit(batch.topic, batch.partition, next);
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
      { records: batch.messages.length, ...written, dlq: letters.length, committed: next },
      'batch written',
    );
  };
}
