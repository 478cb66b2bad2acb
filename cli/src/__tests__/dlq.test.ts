import { DLQ_HEADERS } from '@nobel-pipeline/common';
import {
  consumeMessages,
  createTestKafka,
  createTopic,
  loadTestConfig,
  produceRecords,
  uniqueTopic,
  waitFor,
} from '@nobel-pipeline/test-utils';
import { Command } from 'commander';
import type { Admin, Kafka, Message } from 'kafkajs';
import { registerDlq } from '../commands/dlq';
import { CliError, RefusedError } from '../errors';
import { testCliDeps } from '../testing/deps';
import { redriveGroupId } from '../dlq/redrive-progress';

const testConfig = loadTestConfig();
jest.setTimeout(60_000);

let kafka: Kafka;
let admin: Admin;
/** The redrive groups the tests made (named by the command, not by uniqueGroup): deleted after. */
const redriveGroups = new Set<string>();

beforeAll(async () => {
  kafka = createTestKafka(testConfig.kafka);
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin.deleteGroups([...redriveGroups]).catch(() => undefined);
  await admin.disconnect();
});

/** `nobel dlq …` on a program of its own. */
async function dlq(args: string[]) {
  const deps = testCliDeps({}, { kafka });
  const { out } = deps;
  const program = new Command().exitOverride();
  registerDlq(program, deps);
  await program.parseAsync(['dlq', ...args], { from: 'user' });
  return out;
}

const ORIGINAL_TIME = Date.parse('2026-01-01T00:00:00Z');
const deadLetter = (
  original: string,
  r: { key: string; value: Buffer | null; errorClass: string; partition: number; offset: number },
  extra: Record<string, string> = {},
): Message => ({
  key: r.key,
  value: r.value,
  headers: {
    'x-trace': `trace-${r.key}`,
    [DLQ_HEADERS.errorClass]: r.errorClass,
    [DLQ_HEADERS.errorMessage]: `${r.errorClass} in\n  ${r.key}`,
    [DLQ_HEADERS.topic]: original,
    [DLQ_HEADERS.partition]: String(r.partition),
    [DLQ_HEADERS.offset]: String(r.offset),
    [DLQ_HEADERS.timestamp]: String(ORIGINAL_TIME + r.offset),
    ...extra,
  },
});

/**
 * An original topic (2 partitions, empty) and its DLQ with four records: two ValidationErrors
 * (one whose value was not kept) and two MalformedRecordErrors.
 */
async function seeded() {
  const original = uniqueTopic('original');
  const dlqTopic = uniqueTopic('dlq');
  await createTopic(kafka, { name: original, partitions: 2 });
  await createTopic(kafka, { name: dlqTopic });
  for (const filter of [undefined, 'ValidationError', 'MalformedRecordError'])
    redriveGroups.add(redriveGroupId(dlqTopic, filter));
  redriveGroups.add(redriveGroupId(dlqTopic, undefined, true));
  const values = {
    phy: Buffer.from([0, 0, 0, 0, 42, 1, 2, 3]),
    che: Buffer.from('not avro'),
    lit: Buffer.from([0, 0, 0, 0, 43, 9]),
  };
  await produceRecords(kafka, dlqTopic, [
    deadLetter(original, {
      key: 'phy',
      value: values.phy,
      errorClass: 'ValidationError',
      partition: 1,
      offset: 10,
    }),
    deadLetter(original, {
      key: 'che',
      value: values.che,
      errorClass: 'MalformedRecordError',
      partition: 0,
      offset: 11,
    }),
    deadLetter(
      original,
      { key: 'med', value: null, errorClass: 'ValidationError', partition: 0, offset: 12 },
      { [DLQ_HEADERS.valueOmitted]: 'the value (2000000 bytes) is larger than the DLQ accepts' },
    ),
    deadLetter(original, {
      key: 'lit',
      value: values.lit,
      errorClass: 'MalformedRecordError',
      partition: 1,
      offset: 13,
    }),
  ]);
  return { original, dlqTopic, values };
}

/** How many records the topic holds (its partitions' ends: nothing is deleted in a test). */
async function recordCount(topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high), 0);
}

describe('nobel dlq (Kafka)', () => {
  it('list shows where each record came from, its error, when, and its DLQ offset', async () => {
    const { original, dlqTopic } = await seeded();
    const table = (await dlq(['list', '--topic', dlqTopic])).lines.join('\n').split('\n');
    expect(table[0]).toMatch(/^ORIGINAL\s+ERROR CLASS\s+MESSAGE\s+WHEN\s+DLQ OFFSET$/);
    expect(table.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${original}\\[1\\]@10\\s+ValidationError\\s+ValidationError in phy\\s+2026-01-01T00:00:00.010Z\\s+0$`,
        ),
      ),
      expect.stringContaining(`${original}[0]@11  MalformedRecordError`),
      expect.stringContaining('[value not kept: the value (2000000 bytes)'),
      expect.stringMatching(/MalformedRecordError in lit\s+2026-01-01T00:00:00.013Z\s+3$/),
    ]);

    const json = (await dlq(['list', '--topic', dlqTopic, '--json'])).lines.map(
      (line) => JSON.parse(line) as Record<string, unknown>,
    );
    expect(json).toHaveLength(4);
    expect(json[0]).toEqual({
      dlq: { topic: dlqTopic, partition: 0, offset: 0, timestamp: expect.any(String) },
      original: {
        topic: original,
        partition: 1,
        offset: 10,
        timestamp: '2026-01-01T00:00:00.010Z',
      },
      errorClass: 'ValidationError',
      errorMessage: 'ValidationError in\n  phy',
      valueOmitted: null,
      key: 'phy',
      valueBytes: 8,
    });
  });

  it('redrive publishes the records unchanged to their original partitions, once', async () => {
    const { original, dlqTopic, values } = await seeded();
    const out = await dlq(['redrive', '--topic', dlqTopic]);
    expect(out.lines.at(-1)).toBe(
      `published 3 record(s) from ${dlqTopic}: ${original} 3\nskipped 1: 1 value not kept in the DLQ (x-value-omitted): read it at its original offset`,
    );
    expect(out.notes).toEqual([
      expect.stringMatching(new RegExp(`^skipped ${dlqTopic}\\[0\\]@2 `)),
    ]);

    const published = await consumeMessages(kafka, { topic: original, count: 3 });
    const byKey = new Map(published.map((p) => [p.message.key?.toString(), p]));
    for (const [key, dlqOffset, partition] of [
      ['phy', 0, 1],
      ['che', 1, 0],
      ['lit', 3, 1],
    ] as const) {
      const record = byKey.get(key);
      expect(record?.partition).toBe(partition);
      expect(record?.message.value).toEqual(values[key]);
      expect(record?.message.headers?.['x-redriven-from']?.toString()).toBe(
        `${dlqTopic}[0]@${dlqOffset}`,
      );
      expect(record?.message.headers?.['x-trace']?.toString()).toBe(`trace-${key}`);
      expect(Date.parse(String(record?.message.headers?.['x-redriven-at']))).not.toBeNaN();
    }

    const again = await dlq(['redrive', '--topic', dlqTopic, '--json']);
    expect(JSON.parse(again.lines.at(-1) ?? '')).toMatchObject({
      type: 'summary',
      published: 0,
      skipped: 0,
    });
    expect(await recordCount(original)).toBe(3);

    // The sink dead-letters what still fails, with the headers it had: x-redriven-from too.
    await produceRecords(
      kafka,
      dlqTopic,
      published.map((p, i) =>
        deadLetter(
          original,
          {
            key: p.message.key?.toString() ?? '',
            value: p.message.value,
            errorClass: 'MalformedRecordError',
            partition: p.partition,
            offset: Number(p.message.offset),
          },
          { 'x-redriven-from': `${dlqTopic}[0]@${i}` },
        ),
      ),
    );
    const third = await dlq(['redrive', '--topic', dlqTopic, '--json']);
    expect(JSON.parse(third.lines.at(-1) ?? '')).toMatchObject({ published: 0, skipped: 3 });
    expect(third.lines.join('\n')).toMatch(/failed again after a redrive from/);
    expect(await recordCount(original)).toBe(3);
    // Once the cause is fixed, the operator asks for them: each once.
    await dlq(['redrive', '--topic', dlqTopic, '--include-redriven']);
    expect(await recordCount(original)).toBe(6);
    await dlq(['redrive', '--topic', dlqTopic, '--include-redriven']);
    expect(await recordCount(original)).toBe(6);
  });

  it('redrive --filter publishes one error class; a later full run does not publish it again', async () => {
    const { original, dlqTopic } = await seeded();
    const filtered = await dlq([
      'redrive',
      '--topic',
      dlqTopic,
      '--filter',
      'ValidationError',
      '--json',
    ]);
    const lines = filtered.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((l) => l.action === 'published').map((l) => l.key)).toEqual(['phy']);
    expect(lines.at(-1)).toMatchObject({
      published: 1,
      skippedBy: { 'other-class': 2, 'value-omitted': 1 },
    });
    expect(await recordCount(original)).toBe(1);

    const rest = await dlq(['redrive', '--topic', dlqTopic, '--json']);
    const restLines = rest.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(restLines.filter((l) => l.action === 'published').map((l) => l.key)).toEqual([
      'che',
      'lit',
    ]);
    expect(restLines.at(-1)).toMatchObject({
      skippedBy: { 'already-redriven': 1, 'value-omitted': 1 },
    });
    expect(await recordCount(original)).toBe(3);
  });

  it('redrive --dry-run lists what it would publish and commits nothing', async () => {
    const { original, dlqTopic } = await seeded();
    const dry = await dlq(['redrive', '--topic', dlqTopic, '--dry-run']);
    expect(dry.lines.filter((l) => l.startsWith('would publish '))).toHaveLength(4); // 3 records, 1 summary
    expect(dry.lines.at(-1)).toContain('dry run: nothing was published, nothing committed');
    expect(await recordCount(original)).toBe(0);
    const [committed] = await admin.fetchOffsets({
      groupId: redriveGroupId(dlqTopic),
      topics: [dlqTopic],
    });
    expect(committed?.partitions.map((p) => p.offset)).toEqual(['-1']);

    const real = await dlq(['redrive', '--topic', dlqTopic]);
    expect(real.lines.at(-1)).toMatch(/^published 3 record\(s\)/);
    expect(await recordCount(original)).toBe(3);
  });

  it('redrive refuses while another redrive holds its group', async () => {
    const { dlqTopic } = await seeded();
    const groupId = redriveGroupId(dlqTopic);
    const other = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await other.connect();
    try {
      await other.subscribe({ topics: [dlqTopic] });
      await other.run({ eachMessage: async () => undefined });
      await waitFor(
        async () => ((await admin.describeGroups([groupId])).groups[0]?.members.length ?? 0) > 0,
        { description: `a member in ${groupId}` },
      );
      await expect(dlq(['redrive', '--topic', dlqTopic])).rejects.toThrow(RefusedError);
    } finally {
      await other.disconnect();
    }
  });

  it('says which DLQ does not exist', async () => {
    const missing = uniqueTopic('missing');
    await expect(dlq(['list', '--topic', missing])).rejects.toThrow(
      new CliError(`topic "${missing}" does not exist`, 1),
    );
  });
});
