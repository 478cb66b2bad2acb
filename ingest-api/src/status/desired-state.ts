import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import {
  createGroupConsumer,
  deleteGroup,
  isProgrammerError,
  retry,
  RetryStoppedError,
  type Logger,
} from '@nobel-pipeline/common';
import {
  DESIRED_STATE_KEY,
  desiredStateOfRecord,
  type Decoder,
  type FetcherCommand,
} from '@nobel-pipeline/schemas';

export interface FollowedDesiredState {
  /** False until the commands topic has been read to its end once. */
  known: boolean;
  state: 'STARTED' | 'STOPPED';
  intervalSeconds: number | null;
  commandId: string | null;
  issuedAt: string | null;
}

const TRACKER_BACKOFF = { initialMs: 500, maxMs: 10_000 } as const;

/** Session of the tracker's consumer (Kafka's group.min.session.timeout.ms is 6 s). */
const TRACKER_SESSION_TIMEOUT_MS = 10_000;

export interface DesiredStateTracker {
  /** The tracker's own consumer group (one per process, deleted on stop). */
  readonly groupId: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  current(): FollowedDesiredState;
}

/**
 * Follows the commands topic, as the fetcher does, to know the desired state: the latest
 * START or STOP (key `fetcher`). It reads from the beginning with a consumer group of its own
 * that commits nothing, so it never disturbs the fetcher's group, and deletes it on stop.
 */
export function createDesiredStateTracker(deps: {
  kafka: Kafka;
  topic: string;
  decoder: Decoder<FetcherCommand>;
  logger: Logger;
}): DesiredStateTracker {
  const groupId = `ingest-api-status-${randomUUID()}`;
  const group = createGroupConsumer(
    deps.kafka,
    {
      groupId,
      allowAutoTopicCreation: false,
      // The group's only member: a short session ends a stale one (after a broker restart) soon.
      sessionTimeout: TRACKER_SESSION_TIMEOUT_MS,
      rebalanceTimeout: TRACKER_SESSION_TIMEOUT_MS,
      heartbeatInterval: 1000,
    },
    // A join of the group's only member waits at most for a stale member's session to end.
    { joinWaitMs: TRACKER_SESSION_TIMEOUT_MS + 5000 },
  );
  const consumer: Consumer = group.consumer;
  let state: FollowedDesiredState = {
    known: false,
    state: 'STOPPED',
    intervalSeconds: null,
    commandId: null,
    issuedAt: null,
  };
  let latestOffset = -1n;
  let stopping = false;

  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.topic === deps.topic && Number(payload.offsetLag) <= 0)
      state = { ...state, known: true };
  });
  consumer.on(consumer.events.GROUP_JOIN, () => {
    // An empty topic has no batches to say that it was read to its end.
    void topicIsEmpty().then(
      (empty) => {
        if (empty) state = { ...state, known: true };
      },
      () => undefined,
    );
  });

  /** Whether the commands topic holds no record; with an admin of its own, closed after. */
  async function topicIsEmpty(): Promise<boolean> {
    const admin = deps.kafka.admin();
    try {
      await admin.connect();
      const offsets = await admin.fetchTopicOffsets(deps.topic);
      return offsets.every((o) => o.high === o.low);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async function start(): Promise<void> {
    await consumer.connect();
    await consumer.subscribe({ topic: deps.topic, fromBeginning: true });
    await group.run({
      autoCommit: false,
      eachMessage: async ({ message, heartbeat }) => {
        if (message.key?.toString() !== DESIRED_STATE_KEY || BigInt(message.offset) <= latestOffset)
          return;
        let command: FetcherCommand;
        try {
          // The registry away: the command waits (never skipped, as the fetcher does).
          command = await retry(() => deps.decoder.decode(message.value), {
            ...TRACKER_BACKOFF,
            stop: () => (stopping ? 'shutting down' : undefined),
            tick: heartbeat,
            onRetry: ({ error, attempt }) =>
              deps.logger.warn(
                { err: error, attempt, offset: message.offset },
                'cannot read a command yet; /status waits for it',
              ),
          });
        } catch (error) {
          if (error instanceof RetryStoppedError || isProgrammerError(error)) throw error;
          deps.logger.warn(
            { err: error, offset: message.offset },
            'a command that can never be read is passed over (the fetcher sets it aside too)',
          );
          return;
        }
        // What the fetcher will not carry out does not change the desired state either.
        const desired = desiredStateOfRecord(message.key?.toString(), command);
        if (desired === undefined) return;
        latestOffset = BigInt(message.offset);
        state = {
          ...state,
          state: desired.state,
          intervalSeconds: command.intervalSeconds,
          commandId: command.commandId,
          issuedAt: new Date(command.issuedAt).toISOString(),
        };
      },
    });
  }

  /**
   * Leaves the group, then deletes it: a group per process must not outlive the process. A
   * member left over from before a broker restart keeps the group non-empty until its session
   * ends, and a coordinator that restarted is busy loading its groups for a moment; the
   * deletion waits for both, a session and a little more.
   */
  async function stop(): Promise<void> {
    stopping = true;
    await group.stop();
    const admin = deps.kafka.admin();
    try {
      await admin.connect();
      await deleteGroup(admin, groupId, { withinMs: TRACKER_SESSION_TIMEOUT_MS + 5000 });
    } catch (error) {
      deps.logger.warn({ err: error, groupId }, 'could not delete the status consumer group');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  return { groupId, start, stop, current: () => state };
}
