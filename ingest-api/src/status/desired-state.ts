import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '@nobel-pipeline/common';
import { DESIRED_STATE_KEY, type Decoder, type FetcherCommand } from '@nobel-pipeline/schemas';

export interface DesiredState {
  /** False until the commands topic has been read to its end once. */
  known: boolean;
  state: 'STARTED' | 'STOPPED';
  intervalSeconds: number | null;
  commandId: string | null;
  issuedAt: string | null;
}

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
  current(): DesiredState;
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
  let state: DesiredState = {
    known: false,
    state: 'STOPPED',
    intervalSeconds: null,
    commandId: null,
    issuedAt: null,
  };
  let latestOffset = -1n;

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
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== DESIRED_STATE_KEY || BigInt(message.offset) <= latestOffset)
          return;
        try {
          const command = await deps.decoder.decode(message.value);
          if (command.type === 'FETCH_NOW') return;
          latestOffset = BigInt(message.offset);
          state = {
            ...state,
            state: command.type === 'START' ? 'STARTED' : 'STOPPED',
            intervalSeconds: command.intervalSeconds,
            commandId: command.commandId,
            issuedAt: new Date(command.issuedAt).toISOString(),
          };
        } catch (error) {
          deps.logger.warn(
            { err: error, offset: message.offset },
            'an unreadable command is ignored',
          );
        }
      },
    });
  }

  /**
   * Leaves the group, then deletes it: a group per process must not outlive the process. A
   * member left over from before a broker restart keeps the group non-empty until its session
   * ends; the deletion waits for that, a session at most.
   */
  async function stop(): Promise<void> {
    await consumer.disconnect();
    const admin = deps.kafka.admin();
    const deadline = Date.now() + TRACKER_SESSION_TIMEOUT_MS + 2000;
    try {
      await admin.connect();
      for (;;) {
        try {
          await admin.deleteGroups([groupId]);
          return;
        } catch (error) {
          if (!isNonEmptyGroup(error) || Date.now() > deadline) throw error;
          await new Promise((resolveWait) => setTimeout(resolveWait, 500));
        }
      }
    } catch (error) {
      deps.logger.warn({ err: error, groupId }, 'could not delete the status consumer group');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  return { start, stop, current: () => state };
}
