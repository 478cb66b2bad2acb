import { Command, CommanderError } from 'commander';
import type { Admin, Consumer, Kafka, Message } from 'kafkajs';
import { consumerLag, type Env } from '@nobel-pipeline/common';
import { migrateDatabase } from '@nobel-pipeline/db';
import {
  createTestDatabase,
  createTestKafka,
  createTopic,
  loadTestConfig,
  produceRecords,
  uniqueGroup,
  uniqueTopic,
  waitFor,
  type TestDatabase,
} from '@nobel-pipeline/test-utils';
import { registerReplay } from '../commands/replay';
import { CliError, EXIT, type ExitCode } from '../errors';
import { testCliDeps } from '../testing/deps';
import { NEWER_WINS } from '../replay/report';

/**
 * nobel replay on the real Kafka: each test has its own topic and group, a group that has read
 * everything, and the command run as a user runs it (with faster polls than a person needs).
 */
jest.setTimeout(120_000);

const config = loadTestConfig();
const kafka: Kafka = createTestKafka(config.kafka);
const FAST = { pollIntervalMs: 100, rateWindowMs: 2000, dbConnectTimeoutMs: 3000 };
const never = new Promise<void>(() => undefined);
let admin: Admin;
const consumers: Consumer[] = [];

/** The replay command with a config pointed at the test's topic and group. */
function cli(topic: string, group: string, env: Env = {}, interrupted = never) {
  const deps = testCliDeps(
    { TOPIC_PRIZES: topic, SINK_GROUP_ID: group, DB_API_PASSWORD: '', ...env },
    { kafka, interrupted },
  );
  const { out } = deps;
  /** Like runCli: the exit code, with the error said as a note. */
  async function run(...argv: string[]): Promise<ExitCode> {
    const program = new Command('nobel').exitOverride();
    registerReplay(program, deps, FAST);
    try {
      await program.parseAsync(['replay', ...argv], { from: 'user' });
      return EXIT.ok;
    } catch (error) {
      if (error instanceof CommanderError) return EXIT.usage;
      if (!(error instanceof CliError)) throw error;
      out.note(`nobel: ${error.message}`);
      return error.exitCode;
    }
  }
  return { out, run };
}

/** A topic with `counts[p]` records on partition p. */
async function topicWith(counts: number[], timestamp?: (p: number, i: number) => number) {
  const topic = uniqueTopic('replay');
  await createTopic(kafka, { name: topic, partitions: counts.length });
  await produce(topic, counts, timestamp);
  return topic;
}

async function produce(topic: string, counts: number[], at?: (p: number, i: number) => number) {
  const messages: Message[] = counts.flatMap((n, partition) =>
    Array.from({ length: n }, (_, i) => ({
      partition,
      key: `k${partition}-${i}`,
      value: `v${i}`,
      ...(at === undefined ? {} : { timestamp: String(at(partition, i)) }),
    })),
  );
  await produceRecords(kafka, topic, messages);
}

const lagOf = async (group: string, topic: string) =>
  (await consumerLag(admin, group, [topic])).reduce((sum, p) => sum + p.lag, 0);

/** A member of the group that reads and commits; resolves once the group has caught up. */
async function startConsumer(group: string, topic: string): Promise<Consumer> {
  // A short fetch wait: a disconnect waits for the fetch in flight.
  const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
  return consumer;
}

async function readEverything(group: string, topic: string): Promise<Consumer> {
  const consumer = await startConsumer(group, topic);
  await waitFor(async () => (await lagOf(group, topic)) === 0, {
    timeoutMs: 30_000,
    description: `group ${group} caught up on ${topic}`,
  });
  return consumer;
}

const committed = async (group: string, topic: string) =>
  (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0]?.partitions
    .sort((a, b) => a.partition - b.partition)
    .map((p) => Number(p.offset));

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.disconnect();
  await admin?.disconnect();
});

describe('nobel replay --to-earliest', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(config.db);
    await migrateDatabase(database.config);
  });
  afterAll(async () => database?.drop());

  it('refuses while the group has a member, plans, waits for it to leave, rewinds and follows to the end', async () => {
    const topic = await topicWith([120, 80]);
    const group = uniqueGroup('replay');
    const member = await readEverything(group, topic);
    const db = {
      DB_NAME: database.config.database,
      DB_API_USER: database.config.user,
      DB_API_PASSWORD: database.config.password,
    };

    const refused = cli(topic, group, db);
    expect(await refused.run('--to-earliest')).toBe(EXIT.refused);
    expect(refused.out.notes.join('\n')).toContain(
      `has 1 active member(s) (client ids: ${config.kafka.clientId}), state Stable: Kafka moves the offsets of an empty group only — stop the sink (or pass --wait-for-members N to wait for them to leave)`,
    );
    const waitedInVain = cli(topic, group, db);
    expect(await waitedInVain.run('--to-earliest', '--wait-for-members', '1')).toBe(EXIT.refused);
    expect(waitedInVain.out.notes.join('\n')).toContain('after waiting 1 s');
    expect(await committed(group, topic)).toEqual([120, 80]);

    const dry = cli(topic, group, db);
    expect(await dry.run('--to-earliest', '--dry-run')).toBe(EXIT.ok);
    expect(dry.out.lines.join('\n')).toBe(
      [
        `Replay of group ${group} on ${topic}, to the earliest offsets:`,
        'PARTITION  CURRENT  NEW  END  TO REPLAY',
        '        0      120    0  120        120',
        '        1       80    0   80         80',
        'total to replay: 200 record(s)',
        'rows now: prizes 0, laureates 0, prize_laureates 0, fetch_runs 0',
      ].join('\n'),
    );
    expect(dry.out.notes).toContain('dry run: nothing was changed');
    expect(dry.out.notes.join('\n')).toContain('applying now would be refused: group');

    const replay = cli(topic, group, db);
    const running = replay.run('--to-earliest', '--wait-for-members', '60');
    await waitFor(() => replay.out.notes.some((n) => n.includes('waiting up to 60 s')));
    await member.disconnect();
    await waitFor(() =>
      replay.out.notes.some((n) =>
        n.includes("waiting for the group's consumers (start the sink)"),
      ),
    );
    expect(await committed(group, topic)).toEqual([0, 0]);
    expect(await lagOf(group, topic)).toBe(200);

    await startConsumer(group, topic);
    expect(await running).toBe(EXIT.ok);
    const progress = replay.out.notes.filter((n) => / left/.test(n));
    expect(progress[0]).toMatch(/^200 left \(p0 120, p1 80\) · /);
    expect(progress.at(-1)).toMatch(/^0 left · [\d.]+ records\/s · done$/);
    const summary = (replay.out.lines.at(-1) ?? '').split('\n');
    expect(summary[0]).toMatch(
      new RegExp(
        `^replayed 200 record\\(s\\) of ${topic.replace(/\./g, '\\.')} for group ${group} in `,
      ),
    );
    expect(summary.slice(1)).toEqual([
      'rows: prizes 0 → 0, laureates 0 → 0, prize_laureates 0 → 0, fetch_runs 0 → 0',
      NEWER_WINS,
    ]);
  });
});

describe('nobel replay --to-datetime', () => {
  it('rewinds each partition to its first record at or after the instant, as JSON lines', async () => {
    const hour = 3_600_000;
    const start = Date.now() - 2 * hour;
    // The first batch an hour before the instant, the second (partition 0 only) an hour after.
    const topic = await topicWith([30, 20], () => start);
    await produce(topic, [15], () => start + 2 * hour);
    const group = uniqueGroup('replay');
    await (await readEverything(group, topic)).disconnect();
    const between = new Date(start + hour).toISOString();

    let interrupt: () => void = () => undefined;
    const interrupted = new Promise<void>((resolveInterrupt) => (interrupt = resolveInterrupt));
    const replay = cli(topic, group, {}, interrupted);
    const running = replay.run('--to-datetime', between, '--json');
    await waitFor(() => replay.out.notes.some((n) => n.includes('waiting for the group')));
    expect(JSON.parse(replay.out.lines[0] ?? '')).toMatchObject({
      type: 'plan',
      target: { kind: 'datetime', iso: between },
      partitions: [
        { partition: 0, current: 45, new: 30, end: 45, toReplay: 15 },
        // Nothing at or after the instant: the end.
        { partition: 1, current: 20, new: 20, end: 20, toReplay: 0 },
      ],
      totalToReplay: 15,
      rowCounts: null,
      rowCountsUnavailable: 'DB_API_PASSWORD is not set',
    });
    expect(await committed(group, topic)).toEqual([30, 20]);

    interrupt();
    expect(await running).toBe(EXIT.ok);
    expect(replay.out.notes).toContain(
      'interrupted: 15 records left; the replay goes on in the sink',
    );
    expect(JSON.parse(replay.out.lines[1] ?? '')).toEqual({ type: 'interrupted', left: 15 });
  });

  it('refuses a datetime without a zone', async () => {
    const replay = cli(uniqueTopic('unused'), uniqueGroup('replay'));
    expect(await replay.run('--to-datetime', '2024-05-01T12:00:00')).toBe(EXIT.usage);
    expect(replay.out.notes.join('\n')).toContain('--to-datetime: expected an ISO-8601 date');
  });
});

describe('nobel replay --to-offset', () => {
  it('clamps the offset into what each partition holds, and refuses to skip unread records', async () => {
    const topic = await topicWith([50, 10]);
    // Records 0-19 of partition 0 deleted (as retention would): its low watermark is 20.
    await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '20' }] });
    const group = uniqueGroup('replay');
    await (await readEverything(group, topic)).disconnect();

    const replay = cli(topic, group);
    expect(await replay.run('--to-offset', '15', '--no-follow')).toBe(EXIT.ok);
    expect(replay.out.notes).toEqual(
      expect.arrayContaining([
        '--to-offset 15: partition 0 starts at 20 (earlier records were deleted); clamped to 20',
        '--to-offset 15: partition 1 ends at 10; clamped to 10',
        'offsets set: the group will read 30 record(s) again when its consumers start (nobel status shows its lag)',
      ]),
    );
    expect(replay.out.lines.join('\n')).toContain('        0       50   20   50         30');
    expect(await committed(group, topic)).toEqual([20, 10]);

    // A group that has read nothing yet would jump over records it never read.
    const fresh = cli(topic, uniqueGroup('replay'));
    expect(await fresh.run('--to-offset', '30', '--no-follow')).toBe(EXIT.refused);
    expect(fresh.out.notes.join('\n')).toContain(
      'nobel: the plan would skip 20 record(s) the group has not read yet (partition 0: nothing committed → 30, partition 1: nothing committed → 10): a replay only goes back; choose an earlier target',
    );
  });

  it('names the topic that does not exist', async () => {
    const replay = cli(uniqueTopic('missing'), uniqueGroup('replay'));
    expect(await replay.run('--to-offset', '0')).toBe(EXIT.usage);
    expect(replay.out.notes.join('\n')).toMatch(/--topic: topic test\.missing\.\S+ does not exist/);
  });
});
