import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { createLogger } from '@nobel-pipeline/common';
import {
  createCodec,
  loadContracts,
  type Contract,
  type FetchRun,
  type NobelLaureate,
  type NobelPrize,
} from '@nobel-pipeline/schemas';
import { sampleLaureate, samplePrize } from '@nobel-pipeline/nobel-mirror';
import { collect, testKafka, uniqueGroup } from '@nobel-pipeline/test-utils';
import { PublishError } from '../errors';
import { createRunPublisher, type EventBatch } from '../kafka/run-publisher';
import { toNobelLaureate } from '../nobel/laureates/map-laureate';
import { sourceLaureateRecord } from '../nobel/laureates/source-laureate';
import { toNobelPrize } from '../nobel/map-prize';
import { parseAsServed, sourcePrize as schema } from '../nobel/source';
import { config, createTopics } from '../testing/pipeline';

/** The run's transaction on the real broker: all of a run's events are visible, or none. */
jest.setTimeout(120_000);

const kafka = testKafka();
const contracts = loadContracts();
const codec = createCodec({ registry: new SchemaRegistry({ host: config.registry.url }) });
const logger = createLogger({ name: 'test', level: 'silent' });

const prize = (year: number, otherFields: string | null = null): NobelPrize => {
  const raw = samplePrize('phy', year);
  return {
    ...toNobelPrize(raw, parseAsServed(schema, raw), { fetchedAt: 1, fetchRunId: 'r' }),
    otherFields,
  };
};
const laureate = (year: number): NobelLaureate => {
  const raw = sampleLaureate(year);
  return toNobelLaureate(raw, parseAsServed(sourceLaureateRecord, raw), {
    fetchedAt: 1,
    fetchRunId: 'r',
  });
};
/** Events for a topic, encoded with their contract, as a source hands them to the publisher. */
function batch<T extends NobelPrize | NobelLaureate>(
  contract: Contract<T>,
  topic: string,
  events: T[],
): EventBatch {
  const encoder = codec.encoder(contract, topic);
  return {
    topic,
    events: events.map((e) => ({
      id: e.id,
      contentHash: e.contentHash,
      fetchRunId: e.fetchRunId,
      encode: () => encoder.encode(e),
    })),
  };
}
const run = (runId: string): FetchRun => ({
  runId,
  trigger: 'START',
  startedAt: 1,
  finishedAt: 2,
  outcome: 'SUCCEEDED',
  pages: 1,
  prizesSeen: 3,
  prizesChanged: 3,
  prizesMissing: 0,
  sources: [],
  error: null,
});

it('commits the prizes, the laureates and the FetchRun together, and a failed transaction leaves no trace', async () => {
  const topics = await createTopics(kafka, 'tx');
  const prizes = await collect(kafka, topics.prizes, 3);
  const laureates = await collect(kafka, topics.laureates, 3);
  const prizeBatch = (events: NobelPrize[]) => batch(contracts.nobelPrize, topics.prizes, events);
  const laureateBatch = (events: NobelLaureate[]) =>
    batch(contracts.nobelLaureate, topics.laureates, events);
  const runs = await collect(kafka, topics.fetchRuns, 1);
  const publisher = createRunPublisher({
    kafka,
    transactionalId: uniqueGroup('tx'),
    runs: codec.encoder(contracts.fetchRun, topics.fetchRuns),
    logger,
    chunkSize: 1,
  });
  try {
    await publisher.publish(
      [prizeBatch([prize(1901), prize(1902), prize(1903)]), laureateBatch([laureate(1901)])],
      run('good'),
    );

    // The third of four sends is larger than the broker accepts: the first two were written
    // inside the transaction, which is then aborted.
    const huge = JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) });
    const error = await publisher
      .publish(
        [
          laureateBatch([laureate(1904)]),
          prizeBatch([prize(1904), prize(1905, huge), prize(1906)]),
        ],
        run('bad'),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);

    await publisher.publish([prizeBatch([prize(1907)]), laureateBatch([])], run('after'));
    await Promise.all([prizes.flush(), laureates.flush(), runs.flush()]);
    expect(laureates.messages.map((m) => m.message.key?.toString())).toEqual(['1901']);
    expect(prizes.messages.map((m) => m.message.key?.toString()).sort()).toEqual([
      'phy-1901',
      'phy-1902',
      'phy-1903',
      'phy-1907',
    ]);
    expect(runs.messages.map((m) => m.message.key?.toString())).toEqual(['good', 'after']);
  } finally {
    await publisher.stop();
    await Promise.all([prizes.stop(), laureates.stop(), runs.stop()]);
  }
});

it('starts over with a new producer when another instance fenced it, and publishes', async () => {
  const topics = await createTopics(kafka, 'fenced');
  const runs = await collect(kafka, topics.fetchRuns, 1);
  const transactionalId = uniqueGroup('tx');
  const publisher = (name: string) =>
    createRunPublisher({
      kafka,
      transactionalId,
      runs: codec.encoder(contracts.fetchRun, topics.fetchRuns),
      logger: createLogger({ name, level: 'silent' }),
    });
  const [first, second] = [publisher('first'), publisher('second')];
  try {
    await first.publishRun(run('first-before'));
    // Another instance polled meanwhile: its producer took a newer epoch of the same id.
    await second.publishRun(run('second'));
    // The first polls again (the partition came back to it): it must not be stuck fenced.
    await first.publishRun(run('first-after'));
    await runs.flush();
    expect(runs.messages.map((m) => m.message.key?.toString())).toEqual([
      'first-before',
      'second',
      'first-after',
    ]);
  } finally {
    await Promise.all([first.stop(), second.stop(), runs.stop()]);
  }
});
