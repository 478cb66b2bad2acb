import { resolve } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka, Message } from 'kafkajs';
import { wholeArgument } from '@nobel-pipeline/common';
import { createCodec, loadContracts } from '@nobel-pipeline/schemas';
import {
  caughtUp,
  connectAsApp,
  createTestDatabase,
  createTopic,
  createTestKafka,
  freePort,
  loadTestConfig,
  pipelineTopicsEnv,
  produceRecords,
  startService,
  syntheticPrizes,
  uniqueGroup,
  uniquePipelineTopics,
  waitFor,
  type RunningService,
  type TestConfig,
} from '@nobel-pipeline/test-utils';

/**
 * One sink against several in one consumer group, as processes (the built sink/dist/main.js):
 *
 *   npm run bench:sink -- --instances 2 [--events 100000] [--partitions 6]
 *
 * For 1 and then for `--instances` sinks: a fresh topic of `--partitions` partitions holding the
 * same N synthetic prize events, a fresh database, and the sinks started together in a new
 * group. Timed from the first prize row in the database to the group's commit of the topic's
 * end (the rebalance when the second member joins is inside it: that is what scaling out costs).
 * With 6 partitions, two sinks own three each. Every prize is checked stored once.
 */

export interface InstancesOptions {
  instances: number;
  events: number;
  partitions: number;
}

export function parseInstancesOptions(values: {
  instances: string;
  events?: string;
  partitions?: string;
}): InstancesOptions {
  return {
    instances: wholeArgument('--instances', values.instances, 2, 8),
    events: wholeArgument('--events', values.events ?? '100000', 1, 2_000_000),
    partitions: wholeArgument('--partitions', values.partitions ?? '6', 1, 100),
  };
}

export interface InstancesPass {
  instances: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

const SINK_MAIN = resolve(__dirname, '..', 'main.js');

async function encodeEvents(registryUrl: string, topic: string, n: number): Promise<Message[]> {
  const codec = createCodec({ registry: new SchemaRegistry({ host: registryUrl }) });
  const encoder = codec.encoder(loadContracts().nobelPrize, topic);
  const messages: Message[] = [];
  const chunk = 2000;
  for (let at = 0; at < n; at += chunk) {
    const prizes = syntheticPrizes(Math.min(chunk, n - at), { seed: at + 1, offset: at });
    for (const prize of prizes)
      messages.push({ key: prize.id, value: await encoder.encode(prize) });
  }
  return messages;
}

async function onePass(
  kafka: Kafka,
  config: TestConfig,
  instances: number,
  options: InstancesOptions,
) {
  const topics = uniquePipelineTopics('bench-instances', [
    'prizes',
    'laureates',
    'fetchRuns',
    'prizesDlq',
  ]);
  await createTopic(kafka, {
    name: topics.prizes,
    partitions: options.partitions,
    compacted: true,
  });
  await createTopic(kafka, { name: topics.laureates, partitions: 1, compacted: true });
  await createTopic(kafka, { name: topics.fetchRuns });
  await createTopic(kafka, { name: topics.prizesDlq });
  const database = await createTestDatabase(config.db);
  const sinks: RunningService[] = [];
  try {
    process.stdout.write(
      `  ${instances} sink${instances === 1 ? '' : 's'}: producing ${options.events.toLocaleString('en-US')} events to ${options.partitions} partitions...\n`,
    );
    await produceRecords(
      kafka,
      topics.prizes,
      await encodeEvents(config.registry.url, topics.prizes, options.events),
    );
    const group = uniqueGroup('bench-instances');
    const env = {
      ...pipelineTopicsEnv(topics),
      DB_NAME: database.config.database,
      SINK_GROUP_ID: group,
      LOG_LEVEL: 'warn',
    };
    const ports = await Promise.all(Array.from({ length: instances }, () => freePort()));
    // Started together; the clock starts with the first row any of them writes. A sink that
    // does not start fails the pass (after the others are stopped, in `finally`).
    const started = Promise.all(
      ports.map((port) =>
        startService({
          main: SINK_MAIN,
          env: { ...env, SINK_METRICS_PORT: String(port) },
          readyUrl: `http://127.0.0.1:${port}/healthz`,
        }).then((sink) => sinks.push(sink)),
      ),
    );
    let startFailure: unknown;
    started.catch((error: unknown) => (startFailure = error));
    const conn = await connectAsApp(database.config);
    let first = 0;
    let last = 0;
    try {
      const prizes = async () =>
        // COUNT(*) comes back as a BigInt.
        Number(((await conn.query('SELECT COUNT(*) AS n FROM prizes')) as { n: bigint }[])[0]?.n);
      // 20 ms resolution on passes of seconds. A sink that failed ends the wait (a probe that
      // throws would only count as "not yet").
      let fatal: unknown;
      await waitFor(
        async () => {
          const exited = sinks.find((sink) => sink.exited());
          if (exited !== undefined)
            fatal = new Error(`a sink exited:\n${exited.output().slice(-2000)}`);
          fatal ??= startFailure;
          if (fatal !== undefined) return true;
          if (first === 0 && (await prizes().catch(() => 0)) > 0) first = performance.now();
          if (first === 0 || !(await caughtUp(kafka, group, [topics.prizes]))) return false;
          last = performance.now();
          return true;
        },
        { timeoutMs: 1_800_000, intervalMs: 20, description: 'the sinks to store every event' },
      );
      if (fatal !== undefined) throw fatal;
      await started;
      const stored = await prizes();
      if (stored !== options.events)
        throw new Error(`${stored} prizes stored of ${options.events} events`);
    } finally {
      await conn.end();
    }
    const seconds = (last - first) / 1000;
    const pass: InstancesPass = {
      instances,
      events: options.events,
      seconds,
      eventsPerSecond: options.events / seconds,
    };
    process.stdout.write(
      `  ${instances} sink${instances === 1 ? '' : 's'}: ${seconds.toFixed(1)} s, ${Math.round(pass.eventsPerSecond).toLocaleString('en-US')} events/s\n`,
    );
    return pass;
  } finally {
    await Promise.all(sinks.map((sink) => sink.stop()));
    await database.drop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect();
  }
}

/** One sink, then `instances` sinks, on the same events: the figures, and their ratio. */
export async function runInstancesBench(options: InstancesOptions): Promise<{
  passes: InstancesPass[];
  speedup: number;
}> {
  const config = loadTestConfig();
  const kafka = createTestKafka(config.kafka);
  process.stdout.write(
    `Sink instances benchmark: 1 vs ${options.instances} sink processes in one group, ${options.events.toLocaleString('en-US')} synthetic events, ${options.partitions} partitions\n`,
  );
  const one = await onePass(kafka, config, 1, options);
  const many = await onePass(kafka, config, options.instances, options);
  const speedup = many.eventsPerSecond / one.eventsPerSecond;
  process.stdout.write(
    `  ${options.instances} sinks / 1 sink: ${speedup.toFixed(2)}× the events per second\n`,
  );
  return { passes: [one, many], speedup };
}
