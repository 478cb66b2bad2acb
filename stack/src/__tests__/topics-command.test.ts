import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestKafka, loadTestConfig, uniqueTopic } from '@nobel-pipeline/test-utils';
import { ROOT } from './helpers';

jest.setTimeout(60_000);

const run = promisify(execFile);
const config = loadTestConfig();

/**
 * `stack topics` is what the Docker init runs, on a Kafka the stack did not start and with the
 * environment docker-compose.yml gives it: the brokers, the topics and the migration account —
 * not the sink's nor ingest-api's passwords. It used to load the whole stack configuration and
 * stop at "DB_SINK_PASSWORD: required", so that on a first `docker compose up` nothing started.
 */
it('creates the topics with only the brokers and the topics configured', async () => {
  const empty = join(mkdtempSync(join(tmpdir(), 'topics-')), 'empty.env');
  writeFileSync(empty, '');
  const names = {
    TOPIC_COMMANDS: uniqueTopic('init-commands'),
    TOPIC_PRIZES: uniqueTopic('init-prizes'),
    TOPIC_FETCH_RUNS: uniqueTopic('init-runs'),
    TOPIC_PRIZES_DLQ: uniqueTopic('init-prizes-dlq'),
    TOPIC_COMMANDS_DLQ: uniqueTopic('init-commands-dlq'),
  };
  const env = {
    PATH: process.env.PATH ?? '',
    ENV_FILE: empty,
    KAFKA_BROKERS: config.kafka.brokers.join(','),
    TOPIC_PRIZES_PARTITIONS: '2',
    ...names,
  };
  const { stdout } = await run(
    process.execPath,
    [resolve(ROOT, 'stack', 'dist', 'cli.js'), 'topics'],
    { env },
  );
  expect(stdout).toContain(names.TOPIC_PRIZES);

  const admin = createTestKafka(config.kafka).admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: Object.values(names) });
    const partitions = Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]));
    expect(partitions).toEqual({
      [names.TOPIC_COMMANDS]: 1,
      [names.TOPIC_PRIZES]: 2,
      [names.TOPIC_FETCH_RUNS]: 1,
      [names.TOPIC_PRIZES_DLQ]: 1,
      [names.TOPIC_COMMANDS_DLQ]: 1,
    });
  } finally {
    await admin.disconnect();
  }
});
