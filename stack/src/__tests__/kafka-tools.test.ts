import {
  createTestKafka,
  createTopic,
  produceRecords,
  loadTestConfig,
  uniqueGroup,
  uniqueTopic,
} from '@nobel-pipeline/test-utils';
import { runKafkaTool } from '../tools';
import { runningStack } from './helpers';

jest.setTimeout(120_000);

const { config: stackConfig } = runningStack();
const config = loadTestConfig();
const quiet = () => undefined;

it('the console consumer prints what kafkajs produced', async () => {
  const kafka = createTestKafka(config.kafka);
  const topic = uniqueTopic('console');
  await createTopic(kafka, { name: topic });
  await produceRecords(kafka, topic, [
    { key: 'phy-1901', value: 'Wilhelm Conrad Röntgen' },
    { key: 'che-1901', value: "Jacobus Henricus van 't Hoff" },
  ]);

  const run = await runKafkaTool(
    stackConfig,
    quiet,
    'console-consumer',
    [
      '--topic',
      topic,
      '--from-beginning',
      // A group of the test's own, deleted after it (without one, the tool makes one up).
      '--group',
      uniqueGroup('console'),
      '--max-messages',
      '2',
      '--property',
      'print.key=true',
      '--property',
      'key.separator=|',
    ],
    'pipe',
  );
  expect(run.code).toBe(0);
  expect(run.stdout.trim().split('\n')).toEqual([
    'phy-1901|Wilhelm Conrad Röntgen',
    "che-1901|Jacobus Henricus van 't Hoff",
  ]);
});

it('the topic tool shows the pipeline topics as the stack created them', async () => {
  const run = await runKafkaTool(
    stackConfig,
    quiet,
    'topics',
    ['--describe', '--topic', stackConfig.topics.prizes.name],
    'pipe',
  );
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(
    new RegExp(
      `Topic: ${stackConfig.topics.prizes.name.replace('.', '\\.')}\\s.*PartitionCount: ${stackConfig.topics.prizes.partitions}`,
    ),
  );
  expect(run.stdout).toMatch(/cleanup\.policy=compact/);
});

it('an unknown tool is refused with the list of tools', async () => {
  await expect(runKafkaTool(stackConfig, quiet, 'rm-rf', [], 'pipe')).rejects.toThrow(
    /unknown tool "rm-rf"/,
  );
});
