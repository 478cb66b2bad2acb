import { spawn } from 'node:child_process';
import { SchemaType } from '@kafkajs/confluent-schema-registry';
import * as mariadb from 'mariadb';
import { cleanUp } from '../cleanup';
import { loadTestConfig } from '../config';
import { consumeMessages, createTestKafka, createTopic } from '../kafka';
import { produceRecords } from '../produce';
import type { ResourceLedger } from '../ledger';
import { uniqueName } from '../names';
import { createTestRegistry } from '../registry';

/**
 * The clean-up the test environment runs after every test file, on the real stack: what the
 * ledger names is deleted, and nothing else.
 */
jest.setTimeout(60_000);

const config = loadTestConfig();

it('deletes the topics, subjects, groups and databases of the ledger, and only those', async () => {
  const kafka = createTestKafka(config.kafka);
  // Names made without uniqueTopic & co., so that this file's own ledger does not hold them.
  const [topic, kept] = [uniqueName('test.cleanup', '.'), uniqueName('test.kept', '.')];
  const group = uniqueName('test-cleanup');
  const database = uniqueName(`${config.db.database}_test`, '_');
  for (const name of [topic, kept]) await createTopic(kafka, { name });
  await produceRecords(kafka, topic, [{ key: 'k', value: 'v' }]);
  await consumeMessages(kafka, { topic, count: 1, groupId: group });
  await createTestRegistry(config.registry).register(
    {
      type: SchemaType.AVRO,
      schema: JSON.stringify({ type: 'record', name: 'Cleanup', fields: [] }),
    },
    { subject: `${topic}-value` },
  );
  const conn = await mariadb.createConnection({ ...config.db, database: undefined });
  try {
    await conn.query(`CREATE DATABASE \`${database}\``);

    const ledger: ResourceLedger = {
      stack: { brokers: config.kafka.brokers, registryUrl: config.registry.url, db: config.db },
      topics: new Set([topic, uniqueName('test.never-created', '.')]),
      groups: new Set([group]),
      databases: new Set([database]),
    };
    expect(await cleanUp(ledger)).toEqual({
      topics: 1,
      subjects: 1,
      groups: 1,
      databases: 1,
      problems: [],
    });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      expect(topics).toContain(kept);
      expect(topics).not.toContain(topic);
      expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain(group);
      await admin.deleteTopics({ topics: [kept] });
    } finally {
      await admin.disconnect();
    }
    const subjects = (await (await fetch(`${config.registry.url}/subjects`)).json()) as string[];
    expect(subjects).not.toContain(`${topic}-value`);
    const rows = (await conn.query('SHOW DATABASES LIKE ?', [database])) as unknown[];
    expect(rows).toEqual([]);
  } finally {
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await conn.end();
  }
});

it('waits for a group whose member was killed to empty, then deletes it', async () => {
  const kafka = createTestKafka(config.kafka);
  const topic = uniqueName('test.cleanup-killed', '.');
  const group = uniqueName('test-cleanup-killed');
  await createTopic(kafka, { name: topic });
  // A member that dies without leaving the group, as a process killed with SIGKILL does.
  const member = spawn(
    process.execPath,
    [
      '-e',
      `const { Kafka, logLevel } = require('kafkajs');
       const c = new Kafka({ brokers: ${JSON.stringify(config.kafka.brokers)}, logLevel: logLevel.NOTHING })
         .consumer({ groupId: ${JSON.stringify(group)}, sessionTimeout: 6000, heartbeatInterval: 500 });
       c.on(c.events.GROUP_JOIN, () => console.log('joined'));
       c.connect().then(() => c.subscribe({ topic: ${JSON.stringify(topic)} })).then(() => c.run({ eachMessage: async () => {} }));`,
    ],
    { cwd: __dirname, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolveJoin) =>
    member.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('joined')) resolveJoin();
    }),
  );
  member.kill('SIGKILL');

  const ledger: ResourceLedger = {
    stack: { brokers: config.kafka.brokers, registryUrl: config.registry.url, db: config.db },
    topics: new Set([topic]),
    groups: new Set([group]),
    databases: new Set(),
  };
  expect(await cleanUp(ledger)).toMatchObject({ topics: 1, groups: 1, problems: [] });
});
