import type { Batch, Kafka, KafkaMessage } from 'kafkajs';
import { UnavailableError } from '../errors';

/** Where to read in one partition: from `start` up to `end` (excluded); null: no end. */
export interface PartitionRange {
  partition: number;
  start: bigint;
  end: bigint | null;
}

/** Records of one partition, in offset order, all within the partition's range. */
export interface RangeBatch {
  partition: number;
  messages: KafkaMessage[];
  /** Commits `next` (the next offset to read) for the partition, in the reading group. */
  commit(next: bigint): Promise<void>;
}

export interface ReadRangeOptions {
  kafka: Kafka;
  topic: string;
  /** The consumer group the reader joins (kafkajs has no group-less reading). */
  groupId: string;
  /** The partitions to read; the topic's other partitions are paused and never read. */
  ranges: readonly PartitionRange[];
  /** Resolves to stop early (Ctrl-C): the batch in hand is finished first. */
  stop: Promise<void>;
  /** Each batch in turn; 'enough' stops the read. A throw stops it and is rethrown. */
  onBatch(batch: RangeBatch): Promise<'more' | 'enough'>;
}

/** How a read ended: every range read to its end, 'enough' said, or stopped from outside. */
export type ReadOutcome = 'end' | 'enough' | 'stopped';

/** The longest a fetch waits for records: how soon an idle read notices it should stop. */
export const FETCH_WAIT_MS = 500;

/**
 * Reads the given ranges of a topic, committed records only (read_committed), and resolves
 * when every range is read to its end — or 'enough' is said, or `stop` resolves. Offsets are
 * never committed unless a batch's `commit` is called: where to start is the ranges' (seeks
 * are local to the consumer when auto-commit is off). kafkajs has no manual assignment, so the
 * read joins `groupId`; the caller owns the group (a throwaway one is deleted by the caller).
 */
export async function readRange(options: ReadRangeOptions): Promise<ReadOutcome> {
  const { kafka, topic, groupId, ranges } = options;
  const next = new Map(ranges.map((r) => [r.partition, r.start]));
  const ends = new Map(ranges.map((r) => [r.partition, r.end]));
  const isDone = (partition: number) => {
    const end = ends.get(partition);
    const at = next.get(partition);
    return end !== null && end !== undefined && at !== undefined && at >= end;
  };
  const allDone = () => ranges.every((r) => isDone(r.partition));
  if (allDone()) return 'end';

  let settle: (outcome: ReadOutcome) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const finished = new Promise<ReadOutcome>((resolveRead, rejectRead) => {
    settle = resolveRead;
    fail = rejectRead;
  });
  // Handled by the race below; a failure before it (or after a stop) is not unhandled.
  finished.catch(() => undefined);
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: FETCH_WAIT_MS,
    // A failure ends the command, with its error: nothing restarts the consumer behind it.
    retry: { restartOnFailure: async () => false },
  });
  const pause = (partition: number) => consumer.pause([{ topic, partitions: [partition] }]);

  /** Moves the partition's position; a range read to its end is paused. */
  const advance = (partition: number, to: bigint) => {
    const at = next.get(partition);
    if (at === undefined || to <= at) return;
    next.set(partition, to);
    if (isDone(partition)) pause(partition);
    if (allDone()) settle('end');
  };

  // Emitted after every batch — also after those of transaction markers or aborted records
  // only, which reach no handler: their last offset moves the position past them.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
    advance(payload.partition, BigInt(payload.lastOffset) + 1n),
  );
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));

  try {
    await consumer.connect().catch((error: unknown) => {
      throw new UnavailableError('Kafka', error);
    });
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: ({ batch, heartbeat }) => (inFlight = handle(batch, heartbeat)),
    });
    // Before the first fetch: the joining took I/O, the seeks do not.
    for (const range of ranges) {
      consumer.seek({ topic, partition: range.partition, offset: range.start.toString() });
      if (isDone(range.partition)) pause(range.partition);
    }
    return await Promise.race([finished, options.stop.then(() => 'stopped' as const)]);
  } finally {
    stopped = true;
    // The batch in hand ends first: kafkajs drops the commits of a consumer being stopped.
    await inFlight;
    await consumer.disconnect().catch(() => undefined);
  }

  /** One batch, never thrown: kafkajs would retry it (and a redrive publish it again). */
  async function handle(batch: Batch, heartbeat: () => Promise<void>): Promise<void> {
    const { partition } = batch;
    const from = next.get(partition);
    if (stopped) return;
    if (from === undefined) return pause(partition);
    const end = ends.get(partition) ?? null;
    const messages = batch.messages.filter((m) => {
      const offset = BigInt(m.offset);
      return offset >= from && (end === null || offset < end);
    });
    if (messages.length === 0) return;
    try {
      const answer = await options.onBatch({
        partition,
        messages,
        commit: (offset) =>
          consumer.commitOffsets([{ topic, partition, offset: offset.toString() }]),
      });
      await heartbeat();
      if (answer === 'enough') {
        stopped = true;
        settle('enough');
      }
    } catch (error) {
      stopped = true;
      fail(error);
    }
  }
}
