import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { createCodec, loadContracts, type NobelPrize } from '@nobel-pipeline/schemas';
import {
  createTestKafka,
  createTestRegistry,
  createTopic,
  loadTestConfig,
  produceRecords,
  uniqueName,
  uniqueTopic,
  waitFor,
} from '@nobel-pipeline/test-utils';
import { Command } from 'commander';
import type { Kafka, Message } from 'kafkajs';
import { registerInspect } from '../commands/inspect';
import { CliError, UsageError } from '../errors';
import { testCliDeps } from '../testing/deps';
import type { RecordJson } from '../records/record-json';

const testConfig = loadTestConfig();
jest.setTimeout(60_000);

let kafka: Kafka;
let registry: SchemaRegistry;

beforeAll(() => {
  kafka = createTestKafka(testConfig.kafka);
  registry = createTestRegistry(testConfig.registry);
});

function prize(code: string, year: number): NobelPrize {
  return {
    id: `${code}-${year}`,
    categoryCode: code,
    awardYear: String(year),
    category: { en: `Category ${code}` },
    categoryFullName: { en: `The Prize in ${code}` },
    dateAwarded: `${year}-12-10`,
    topMotivation: null,
    prizeAmount: 100_000 + year,
    prizeAmountAdjusted: 9_000_000 + year,
    links: [],
    laureates: null,
    otherFields: null,
    fetchedAt: 1_767_225_600_000,
    fetchRunId: 'run-1',
    contentHash: String(year).padStart(64, '0'),
  };
}

/** `nobel inspect …` on a program of its own; the JSON lines parsed, the notes as they are. */
async function inspect(args: string[], interrupted = new Promise<void>(() => undefined)) {
  const deps = testCliDeps({}, { kafka, registry, interrupted });
  const { out } = deps;
  const program = new Command().exitOverride();
  registerInspect(program, deps);
  const done = program.parseAsync(['inspect', ...args], { from: 'user' });
  const records = () => out.lines.map((line) => JSON.parse(line) as RecordJson);
  return { done, out, records };
}

const HOUR = 3_600_000;
/** Batch 1 written an hour "ago", batch 2 "now": record timestamps are the producer's to set. */
const now = Date.now();

/** A topic with three prizes and two undecodable records, then (an hour later) two prizes. */
async function seededTopic(): Promise<string> {
  const topic = uniqueTopic('inspect');
  await createTopic(kafka, { name: topic, partitions: 2 });
  const encoder = createCodec({ registry }).encoder(loadContracts().nobelPrize, topic);
  const encoded = async (
    p: NobelPrize,
    timestamp: number,
    partition: number,
  ): Promise<Message> => ({
    key: p.id,
    value: await encoder.encode(p),
    partition,
    timestamp: String(timestamp),
    headers: { 'x-trace': `trace-${p.id}` },
  });
  const unknownId = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2]);
  await produceRecords(kafka, topic, [
    await encoded(prize('phy', 1901), now - HOUR, 0),
    await encoded(prize('che', 1901), now - HOUR, 0),
    { key: 'garbage', value: Buffer.from('not avro'), partition: 0, timestamp: String(now - HOUR) },
    { key: 'unknown-id', value: unknownId, partition: 1, timestamp: String(now - HOUR) },
    await encoded(prize('med', 1901), now - HOUR, 1),
  ]);
  await produceRecords(kafka, topic, [
    await encoded(prize('phy', 1902), now, 0),
    await encoded(prize('lit', 1902), now, 1),
  ]);
  return topic;
}

describe('nobel inspect (Kafka and the registry)', () => {
  let topic: string;
  beforeAll(async () => {
    topic = await seededTopic();
  });

  it('prints every record to the end, values decoded, and what does not decode as base64', async () => {
    const run = await inspect(['--topic', topic]);
    await run.done;
    const records = run.records();
    expect(records.map((r) => `${r.partition}@${r.offset} ${r.key}`).sort()).toEqual([
      '0@0 phy-1901',
      '0@1 che-1901',
      '0@2 garbage',
      '0@3 phy-1902',
      '1@0 unknown-id',
      '1@1 med-1901',
      '1@2 lit-1902',
    ]);
    const phy = records.find((r) => r.key === 'phy-1901');
    expect(phy).toMatchObject({
      topic,
      timestamp: new Date(now - HOUR).toISOString(),
      headers: { 'x-trace': 'trace-phy-1901' },
      schemaId: expect.any(Number),
      value: { id: 'phy-1901', awardYear: '1901', prizeAmount: 101_901, laureates: null },
    });
    expect(records.find((r) => r.key === 'garbage')).toMatchObject({
      schemaId: null,
      value: null,
      valueBase64: Buffer.from('not avro').toString('base64'),
      decodeError: expect.stringContaining('not in the registry wire format'),
    });
    expect(records.find((r) => r.key === 'unknown-id')).toMatchObject({
      schemaId: 0x7ffffff0,
      value: null,
      decodeError: `the registry has no schema with id ${0x7ffffff0}`,
    });
  });

  it('--key prints only that key, --limit stops after so many, --partition reads one', async () => {
    const byKey = await inspect(['--topic', topic, '--key', 'phy-1902']);
    await byKey.done;
    expect(byKey.records().map((r) => [r.key, r.offset])).toEqual([['phy-1902', 3]]);

    const limited = await inspect(['--topic', topic, '--partition', '0', '--limit', '2']);
    await limited.done;
    expect(limited.records().map((r) => r.key)).toEqual(['phy-1901', 'che-1901']);
  });

  it('--from-datetime starts each partition at its first record at or after the time', async () => {
    const since = new Date(now - HOUR / 2).toISOString();
    const run = await inspect(['--topic', topic, '--from-datetime', since]);
    await run.done;
    expect(
      run
        .records()
        .map((r) => r.key)
        .sort(),
    ).toEqual(['lit-1902', 'phy-1902']);
  });

  it('--follow prints what arrives after the start, until interrupted', async () => {
    let interrupt: () => void = () => undefined;
    const interrupted = new Promise<void>((resolveInterrupt) => (interrupt = resolveInterrupt));
    const run = await inspect(['--topic', topic, '--partition', '1', '--follow'], interrupted);
    await waitFor(() => run.out.lines.length >= 3, { description: 'the 3 records of partition 1' });
    await produceRecords(kafka, topic, [{ key: 'late', value: null, partition: 1 }]);
    await waitFor(() => run.records().some((r) => r.key === 'late'), {
      description: 'the record written after the start',
    });
    interrupt();
    await run.done;
    expect(run.records().find((r) => r.key === 'late')).toMatchObject({ value: null });
    expect(run.out.notes).toContain('interrupted: 4 record(s) printed');
  });

  it('shows committed records only, and stops at an end made of transaction markers', async () => {
    const transactional = uniqueTopic('inspect-tx');
    await createTopic(kafka, { name: transactional });
    const producer = kafka.producer({
      transactionalId: uniqueName('inspect-tx'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const committed = await producer.transaction();
      await committed.send({ topic: transactional, messages: [{ key: 'kept', value: null }] });
      await committed.commit();
      const aborted = await producer.transaction();
      await aborted.send({ topic: transactional, messages: [{ key: 'dropped', value: null }] });
      await aborted.abort();
    } finally {
      await producer.disconnect();
    }
    const run = await inspect(['--topic', transactional]);
    await run.done;
    expect(run.records().map((r) => [r.key, r.offset])).toEqual([['kept', 0]]);
  });

  it('says which topic does not exist, and which partition', async () => {
    const missing = uniqueTopic('missing');
    await expect((await inspect(['--topic', missing])).done).rejects.toThrow(
      new CliError(`topic "${missing}" does not exist`, 1),
    );
    await expect((await inspect(['--topic', topic, '--partition', '2'])).done).rejects.toThrow(
      UsageError,
    );
  });
});
