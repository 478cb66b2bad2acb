import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '@nobel-pipeline/common';
import { DESIRED_STATE_KEY, type Decoder, type FetcherCommand } from '@nobel-pipeline/schemas';
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
  logger: Logger;
}

export interface CommandConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Connected and a member of the group (owner of the partition or standing by). */
  isHealthy(): boolean;
}

/**
 * Group `fetcher` on the commands topic. The commands partition has one owner in the group,
 * and only the owner polls: when it gets the partition it restores the desired state from
 * the compacted topic, then acts on the commands that follow; when a rebalance begins it
 * stops polling until it knows it still owns the partition. If it dies, the group gives the
 * partition to another instance within the session timeout.
 */
export function createCommandConsumer(deps: CommandConsumerDeps): CommandConsumer {
  const consumer: Consumer = deps.kafka.consumer({
    groupId: deps.groupId,
    sessionTimeout: deps.sessionTimeoutMs,
    heartbeatInterval: Math.max(500, Math.floor(deps.sessionTimeoutMs / 10)),
    allowAutoTopicCreation: false,
  });
  let restoring: Promise<RestoredState | undefined> = Promise.resolve(undefined);
  let generation = 0;
  let member = false;
  let crashed = false;

  /** Restores and activates; on failure tries again, until the group moves on. */
  async function restoreAndActivate(mine: number): Promise<RestoredState | undefined> {
    for (let attempt = 1; generation === mine; attempt++) {
      try {
        const restored = await deps.restore();
        if (generation !== mine) return undefined;
        deps.controller.activate(
          restored.desired,
          restored.unhandled === true ? 'START' : 'SCHEDULE',
        );
        return restored;
      } catch (error) {
        const waitMs = Math.min(30_000, 1000 * 2 ** (attempt - 1));
        deps.logger.error(
          { err: error, attempt, waitMs },
          'could not restore the state from Kafka; trying again',
        );
        await new Promise((resolveWait) => setTimeout(resolveWait, waitMs).unref());
      }
    }
    return undefined;
  }

  consumer.on(consumer.events.REBALANCING, () => {
    generation++;
    member = false;
    restoring = deps.controller.deactivate('rebalance').then(() => undefined);
  });

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const mine = ++generation;
    member = true;
    crashed = false;
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
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const restored = await restoring;
        if (restored === undefined) return;
        const offset = BigInt(message.offset);
        const key = message.key?.toString();
        let command: FetcherCommand;
        try {
          command = await deps.decoder.decode(message.value);
        } catch (error) {
          deps.logger.error(
            { err: error, partition, offset: message.offset, key },
            'ignoring an unreadable command',
          );
          return;
        }
        // START and STOP up to the restored one are already part of the state.
        if (key === DESIRED_STATE_KEY && command.type !== 'FETCH_NOW' && offset <= restored.offset)
          return;
        deps.controller.handle(command);
      },
    });
  }

  async function stop(): Promise<void> {
    generation++;
    await deps.controller.deactivate('shutdown');
    await consumer.disconnect();
  }

  return { start, stop, isHealthy: () => member && !crashed };
}
