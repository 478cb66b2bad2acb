import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import {
  createGroupConsumer,
  createPartitionCommits,
  errorCode,
  groupTimeouts,
  isProgrammerError,
  retry,
  RetryStoppedError,
  type Dlq,
  type Logger,
} from '@nobel-pipeline/common';
import {
  commandProblem,
  DESIRED_STATE_KEY,
  type Decoder,
  type FetcherCommand,
} from '@nobel-pipeline/schemas';
import { InvalidCommandError } from '../errors';
import type { FetcherMetrics } from '../metrics';
import type { Controller } from './controller';
import type { RestoredState } from './desired-state';

export interface CommandConsumerDeps {
  kafka: Kafka;
  topic: string;
  groupId: string;
  sessionTimeoutMs: number;
  decoder: Decoder<FetcherCommand>;
  controller: Controller;
  /** Rebuilds what this instance needs to poll: the desired state (and published hashes). */
  restore: () => Promise<RestoredState>;
  /** Where commands that can never be read or carried out go, with why. */
  dlq: Dlq;
  metrics: Pick<FetcherMetrics, 'commandsRejected' | 'commandsWaiting'>;
  logger: Logger;
  /** The first and the longest wait between two attempts (registry, restore, DLQ). */
  backoff?: { initialMs: number; maxMs: number };
}

export interface CommandConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Connected and a member of the group (owner of the partition or standing by). */
  isHealthy(): boolean;
}

/** Where the group's offset may go for one partition: no command is committed before it is done. */
interface Position {
  /** The highest offset handled. */
  handled: bigint;
  /** FETCH_NOW commands received and not yet carried out. */
  pending: Set<bigint>;
  committed: bigint;
}

export const COMMAND_BACKOFF = { initialMs: 500, maxMs: 30_000 } as const;

/**
 * Waits for `promise`, heartbeating about once a second meanwhile: a consumer blocked in
 * eachMessage sends none by itself, and the group would take the partition away.
 */
async function withHeartbeats<T>(promise: Promise<T>, heartbeat: () => Promise<void>): Promise<T> {
  let settled = false;
  const done = promise.finally(() => {
    settled = true;
  });
  while (!settled) {
    await Promise.race([done, new Promise((resolveTick) => setTimeout(resolveTick, 1000))]);
    // A rebalance under way refuses heartbeats: the generation check deals with it.
    if (!settled) await heartbeat().catch(() => undefined);
  }
  return done;
}

/**
 * Group `fetcher` on the commands topic. The commands partition has one owner in the group,
 * and only the owner polls: when it gets the partition it restores the desired state from
 * the compacted topic, then acts on the commands that follow; when a rebalance begins it
 * stops polling until it knows it still owns the partition. If it dies, the group gives the
 * partition to another instance within the session timeout.
 *
 * No command is lost: offsets are committed by hand, past a command only once it has been
 * carried out — START and STOP at once, FETCH_NOW when the run serving it has finished — so a
 * new owner carries out what its predecessor had not. A command that cannot be read for a
 * reason that passes (the registry unreachable) is waited for; one that can never be read or
 * carried out (garbage, another schema, an interval of 0) goes to the commands DLQ, logged and
 * counted, and the commands after it go on.
 */
export function createCommandConsumer(deps: CommandConsumerDeps): CommandConsumer {
  const backoff = deps.backoff ?? COMMAND_BACKOFF;
  const group = createGroupConsumer(deps.kafka, {
    groupId: deps.groupId,
    ...groupTimeouts(deps.sessionTimeoutMs),
    allowAutoTopicCreation: false,
  });
  const consumer: Consumer = group.consumer;
  // A command's commit and a FETCH_NOW's (when its run ends) can be in flight at once: in
  // order and only forward (common's partition-commits.ts), or a late one moves it back.
  const commits = createPartitionCommits(async (topic, partition, offset) => {
    await consumer.commitOffsets([{ topic, partition, offset }]);
  });
  let restoring: Promise<RestoredState | undefined> = Promise.resolve(undefined);
  let generation = 0;
  let member = false;
  let crashed = false;
  let stopping = false;
  const positions = new Map<number, Position>();

  const stopReason = (mine: number) => () =>
    stopping ? 'shutting down' : generation !== mine ? 'the partition moved' : undefined;

  /** Restores and activates; on failure tries again, until the group moves on. */
  async function restoreAndActivate(mine: number): Promise<RestoredState | undefined> {
    try {
      const restored = await retry(() => deps.restore(), {
        ...backoff,
        isRetriable: () => true,
        stop: stopReason(mine),
        onRetry: ({ error, attempt, waitMs }) =>
          deps.logger.error(
            { err: error, attempt, waitMs },
            'could not restore the state from Kafka; trying again',
          ),
      });
      if (generation !== mine || stopping) return undefined;
      deps.controller.activate(
        restored.desired,
        restored.unhandled === true ? 'START' : 'SCHEDULE',
      );
      return restored;
    } catch (error) {
      if (error instanceof RetryStoppedError) return undefined;
      throw error;
    }
  }

  function position(partition: number, offset: bigint): Position {
    let p = positions.get(partition);
    if (p === undefined) {
      p = { handled: offset - 1n, pending: new Set(), committed: offset };
      positions.set(partition, p);
    }
    return p;
  }

  /** Moves the group's offset to the first command not yet carried out. */
  async function commit(partition: number, mine: number): Promise<void> {
    const p = positions.get(partition);
    if (p === undefined || generation !== mine) return;
    const next =
      p.pending.size > 0 ? [...p.pending].reduce((a, b) => (b < a ? b : a)) : p.handled + 1n;
    if (next <= p.committed) return;
    try {
      // Sent only if this member still owns the partition when the commit's turn comes.
      await commits.commit(deps.topic, partition, next.toString(), () => generation === mine);
      if (next > p.committed) p.committed = next;
    } catch (error) {
      // Not fatal: the next commit covers it, and at worst a new owner reads it again.
      deps.logger.warn({ err: error, partition, offset: next.toString() }, 'offset commit failed');
    }
  }

  /** Sets a command aside for good: on the DLQ, logged, counted. */
  async function reject(
    message: KafkaMessage,
    partition: number,
    error: Error,
    mine: number,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    await retry(() => deps.dlq.send([{ topic: deps.topic, partition, message, error }]), {
      ...backoff,
      isRetriable: () => true,
      stop: stopReason(mine),
      tick: heartbeat,
      onRetry: ({ error: sendError }) =>
        deps.logger.warn({ err: sendError }, 'could not send a command to the DLQ; retrying'),
    });
    deps.metrics.commandsRejected.inc({ error: errorCode(error) });
    deps.logger.error(
      { err: error, partition, offset: message.offset, key: message.key?.toString() },
      `a command that cannot be carried out was sent to ${deps.dlq.topic}`,
    );
  }

  /** The command in a record, or why there can never be one; waits while the registry is away. */
  async function read(
    message: KafkaMessage,
    mine: number,
    heartbeat: () => Promise<void>,
  ): Promise<FetcherCommand | Error> {
    let command: FetcherCommand;
    try {
      command = await retry(() => deps.decoder.decode(message.value), {
        ...backoff,
        stop: stopReason(mine),
        tick: heartbeat,
        onRetry: ({ error, attempt, waitMs }) => {
          deps.metrics.commandsWaiting.inc();
          deps.logger.warn(
            { err: error, attempt, waitMs, offset: message.offset },
            'cannot read a command yet (the registry?); it waits, nothing after it is skipped',
          );
        },
      });
    } catch (error) {
      if (error instanceof RetryStoppedError || isProgrammerError(error)) throw error;
      return error instanceof Error ? error : new Error(String(error));
    }
    const problem = commandProblem(command, message.key?.toString());
    return problem === undefined ? command : new InvalidCommandError(problem);
  }

  consumer.on(consumer.events.REBALANCING, () => {
    generation++;
    commits.reset();
    member = false;
    positions.clear();
    restoring = deps.controller.deactivate('rebalance').then(() => undefined);
  });

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    // A join that ends after the stop (the stop waits for it, then leaves): never a poller.
    if (stopping) return;
    const mine = ++generation;
    commits.reset();
    member = true;
    crashed = false;
    positions.clear();
    const owned = payload.memberAssignment[deps.topic] ?? [];
    if (owned.length === 0) {
      deps.logger.info(
        { memberId: payload.memberId },
        'standing by: another instance owns the commands partition',
      );
      restoring = Promise.resolve(undefined);
      return;
    }
    restoring = restoring.then(() => restoreAndActivate(mine));
  });

  consumer.on(consumer.events.CRASH, ({ payload }) => {
    generation++;
    commits.reset();
    crashed = !payload.restart;
    member = false;
    void deps.controller.deactivate('consumer crashed');
    deps.logger.error(
      { err: payload.error, restart: payload.restart },
      'the command consumer crashed',
    );
  });

  async function start(): Promise<void> {
    await consumer.connect();
    // From the beginning only when the group has no committed offset yet: commands sent
    // before the first fetcher ever ran are not lost.
    await consumer.subscribe({ topic: deps.topic, fromBeginning: true });
    await group.run({
      autoCommit: false,
      eachMessage: async ({ message, partition, heartbeat }) => {
        const mine = generation;
        // The restore may wait for the registry: the group must still hear from this member.
        const restored = await withHeartbeats(restoring, heartbeat);
        // Not (or no longer) the poller: nothing is committed, the owner reads it again.
        if (restored === undefined || generation !== mine) return;
        const offset = BigInt(message.offset);
        const p = position(partition, offset);
        try {
          const command = await read(message, mine, heartbeat);
          if (command instanceof Error) {
            await reject(message, partition, command, mine, heartbeat);
          } else if (message.key?.toString() === DESIRED_STATE_KEY && offset <= restored.offset) {
            // A START or STOP up to the restored one is already part of the state.
          } else {
            const carriedOut = deps.controller.handle(command);
            if (command.type === 'FETCH_NOW') {
              p.pending.add(offset);
              void carriedOut.then((done) => {
                if (!done) return;
                p.pending.delete(offset);
                void commit(partition, mine);
              });
            }
          }
        } catch (error) {
          // Shutdown or a lost partition while waiting: uncommitted, read again by the owner.
          if (error instanceof RetryStoppedError) return;
          throw error;
        }
        if (offset > p.handled) p.handled = offset;
        await commit(partition, mine);
      },
    });
  }

  async function stop(): Promise<void> {
    stopping = true;
    generation++;
    await deps.controller.deactivate('shutdown');
    await group.stop();
  }

  return { start, stop, isHealthy: () => member && !crashed };
}
