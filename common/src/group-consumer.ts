import type { Admin, Consumer, ConsumerConfig, ConsumerRunConfig, Kafka } from 'kafkajs';
import { isRetriable } from './errors';
import { retry } from './retry/retrier';

/** kafkajs's defaults: how long a join may take (the rebalance timeout), and a session. */
const KAFKAJS_REBALANCE_TIMEOUT_MS = 60_000;
const KAFKAJS_SESSION_TIMEOUT_MS = 30_000;

export interface GroupConsumer {
  /** The kafkajs consumer: subscribe, seek, pause, commit and listen through it. */
  consumer: Consumer;
  /** `consumer.run`, unless stopping: a run asked for after a stop never joins. */
  run(config: ConsumerRunConfig): Promise<void>;
  /**
   * Leaves the group for good. A join under way (the first one, or a restart after a crash)
   * is let finish first, then left; no restart follows a crash from now on.
   */
  stop(): Promise<void>;
}

export interface GroupConsumerOptions {
  /**
   * The longest a stop waits for a join under way. Default: the rebalance timeout (the
   * longest a join may take) and a session more, for the sync after it.
   */
  joinWaitMs?: number;
}

/**
 * A kafkajs (2.2.4) group consumer whose stop is final.
 *
 * `consumer.disconnect()` alone does not always end the membership. While the runner is still
 * joining (right after `run`, or when it restarts after a crash), `Runner.stop` returns at
 * once, because the runner is not running yet. The consumer then forgets the runner, but the
 * join completes: the member is in the group and its fetch loop consumes after the stop.
 * Nothing can stop that runner any more, and after the process exits its member holds the
 * group until its session ends. A crash during a stop schedules a restart too, after the stop
 * cleared the timer.
 *
 * So a stop waits for a join under way to end (its GROUP_JOIN or its CRASH) before it
 * disconnects, and `restartOnFailure` answers no once stopping.
 */
export function createGroupConsumer(
  kafka: Kafka,
  config: ConsumerConfig,
  options: GroupConsumerOptions = {},
): GroupConsumer {
  const joinWaitMs =
    options.joinWaitMs ??
    (config.rebalanceTimeout ?? KAFKAJS_REBALANCE_TIMEOUT_MS) +
      (config.sessionTimeout ?? KAFKAJS_SESSION_TIMEOUT_MS);
  let stopping = false;
  // A start of the runner under way: from `run` or a restart, to its GROUP_JOIN or CRASH.
  let joining = false;
  let joined: Array<() => void> = [];
  const asked = config.retry?.restartOnFailure;
  const consumer = kafka.consumer({
    ...config,
    retry: {
      ...config.retry,
      restartOnFailure: async (error) => !stopping && (asked === undefined || asked(error)),
    },
  });

  const settle = () => {
    joining = false;
    const waiting = joined;
    joined = [];
    // GROUP_JOIN is emitted before the runner marks itself running; only after that does its
    // stop leave the group. Everything it does in between is microtasks: setImmediate is after.
    setImmediate(() => waiting.forEach((resume) => resume()));
  };
  consumer.on(consumer.events.GROUP_JOIN, settle);
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart) joining = true;
    else settle();
  });

  function joinEnded(): Promise<void> {
    if (!joining) return Promise.resolve();
    return new Promise<void>((resume) => {
      const timer = setTimeout(resume, joinWaitMs);
      joined.push(() => {
        clearTimeout(timer);
        resume();
      });
    });
  }

  async function run(runConfig: ConsumerRunConfig): Promise<void> {
    // Stopped while connecting or subscribing: what connected is closed, nothing joins.
    if (stopping) return consumer.disconnect();
    joining = true;
    try {
      await consumer.run(runConfig);
    } catch (error) {
      settle();
      throw error;
    }
  }

  async function stop(): Promise<void> {
    stopping = true;
    await joinEnded();
    await consumer.disconnect();
  }

  return { consumer, run, stop };
}

/** Kafka's errors for a group deletion that may succeed later, by error code. */
const GROUP_NOT_EMPTY = 68;
const GROUP_ID_NOT_FOUND = 69;
const COORDINATOR_BUSY = new Set([
  14, // COORDINATOR_LOAD_IN_PROGRESS: the coordinator is loading its groups (after a restart)
  15, // COORDINATOR_NOT_AVAILABLE
  16, // NOT_COORDINATOR: the coordinator moved (a broker of the cluster went away)
]);

/** The per-group error codes of kafkajs's KafkaJSDeleteGroupsError, or undefined. */
function groupErrorCodes(error: unknown): number[] | undefined {
  if (typeof error !== 'object' || error === null || !('groups' in error)) return undefined;
  const { groups } = error;
  if (!Array.isArray(groups) || groups.length === 0) return undefined;
  // kafkajs's type for these entries is not exported: each is read as unknown, then checked.
  return groups.map((g: unknown) =>
    typeof g === 'object' && g !== null && 'errorCode' in g ? Number(g.errorCode) : NaN,
  );
}

/**
 * Deletes a consumer group of one process's own (a tracker's, a one-off reader's) once it is
 * empty. The group may still have members for a while: a member that left is gone at once,
 * one left over from before a broker restart is gone when its session ends. So a deletion
 * refused because the group is not empty, or because its coordinator is busy or moved, or a
 * connection error, is tried again until `withinMs`; a group that does not exist is as good as
 * deleted. Resolves to what happened; throws what cannot pass (or still holds at the end).
 */
export async function deleteGroup(
  admin: Admin,
  groupId: string,
  options: { withinMs: number },
): Promise<'deleted' | 'absent'> {
  const waitMs = 500;
  try {
    await retry(() => admin.deleteGroups([groupId]), {
      initialMs: waitMs,
      maxMs: waitMs,
      jitter: 0,
      retries: Math.ceil(options.withinMs / waitMs),
      isRetriable: (error) => {
        const codes = groupErrorCodes(error);
        if (codes === undefined) return isRetriable(error);
        return codes.every((code) => code === GROUP_NOT_EMPTY || COORDINATOR_BUSY.has(code));
      },
    });
    return 'deleted';
  } catch (error) {
    if (groupErrorCodes(error)?.every((code) => code === GROUP_ID_NOT_FOUND)) return 'absent';
    throw error;
  }
}
