import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { isProgrammerError, retry, RetryStoppedError, type Logger } from '@nobel-pipeline/common';
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

/** kafkajs's error for a group that still has members: NON_EMPTY_GROUP (68) for each group. */
function isNonEmptyGroup(error: unknown): boolean {
  const groups = (error as { groups?: unknown }).groups;
  return (
    Array.isArray(groups) &&
    groups.length > 0 &&
    groups.every((g) => (g as { errorCode?: unknown }).errorCode === 68)
  );
}

export interface DesiredStateTracker {
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
  const consumer: Consumer = deps.kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    // The group's only member: a short session ends a stale one (after a broker restart) soon.
    sessionTimeout: TRACKER_SESSION_TIMEOUT_MS,
    heartbeatInterval: 1000,
  });
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
    void deps.kafka
      .admin()
      .fetchTopicOffsets(deps.topic)
      .then((offsets) => {
        if (offsets.every((o) => o.high === o.low)) state = { ...state, known: true };
      })
      .catch(() => undefined);
  });

  async function start(): Promise<void> {
    await consumer.connect();
    await consumer.subscribe({ topic: deps.topic, fromBeginning: true });
    await consumer.run({
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
   * ends; the deletion waits for that, a session at most.
   */
  async function stop(): Promise<void> {
    stopping = true;
    await consumer.disconnect();
    const admin = deps.kafka.admin();
    try {
      await admin.connect();
      // The group empties once the broker has seen the member leave (within its session).
      await retry(() => admin.deleteGroups([groupId]), {
        initialMs: 500,
        maxMs: 500,
        retries: Math.ceil((TRACKER_SESSION_TIMEOUT_MS + 2000) / 500),
        isRetriable: isNonEmptyGroup,
      });
    } catch (error) {
      deps.logger.warn({ err: error, groupId }, 'could not delete the status consumer group');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  return { start, stop, current: () => state };
}
