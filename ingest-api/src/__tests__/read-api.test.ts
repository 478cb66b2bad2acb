import { resolve } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Partitioners } from 'kafkajs';
import { parseAsServed, sourcePrize, toNobelPrize } from '@nobel-pipeline/fetcher';
import { DEFAULT_SNAPSHOTS, hasDefaultSnapshot, loadSnapshot } from '@nobel-pipeline/nobel-mirror';
import { createCodec, DESIRED_STATE_KEY, loadContracts } from '@nobel-pipeline/schemas';
import {
  createTestDatabase,
  createTestKafka,
  createTopic,
  freePort,
  loadTestConfig,
  startService,
  uniqueGroup,
  uniqueTopic,
  waitFor,
  type RunningService,
  type TestDatabase,
} from '@nobel-pipeline/test-utils';
import { assertDocumented } from '../testing/openapi';

/**
 * The read API over what the real sink stored from the real snapshot: every one of the 670
 * prizes read back through GET /prizes/:id is the record the Nobel API served.
 */
jest.setTimeout(180_000);

const describeWithSnapshot = hasDefaultSnapshot() ? describe : describe.skip;
if (!hasDefaultSnapshot())
  process.stderr.write(
    '\nSKIPPING the read API test on the real snapshot: ../shared/nobel-api is absent.\n',
  );

const config = loadTestConfig();
const kafka = createTestKafka(config.kafka);
const contracts = loadContracts();
const codec = createCodec({ registry: new SchemaRegistry({ host: config.registry.url }) });
const PROVENANCE = ['id', 'categoryCode', 'fetchedAt', 'fetchRunId', 'contentHash', 'updatedAt'];

describeWithSnapshot('the read API on the real snapshot', () => {
  const records = hasDefaultSnapshot()
    ? (loadSnapshot(DEFAULT_SNAPSHOTS.nobelPrizes, 'nobelPrizes') as Record<string, unknown>[])
    : [];
  const topics = {
    prizes: uniqueTopic('read.prizes'),
    laureates: uniqueTopic('read.laureates'),
    runs: uniqueTopic('read.runs'),
    dlq: uniqueTopic('read.dlq'),
    commands: uniqueTopic('read.commands'),
  };
  const sinkGroup = uniqueGroup('sink');
  const services: RunningService[] = [];
  let database: TestDatabase;
  let api: string;

  const get = async (path: string) => {
    const res = await fetch(`${api}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    database = await createTestDatabase(config.db);
    await createTopic(kafka, { name: topics.prizes, partitions: 3, compacted: true });
    await createTopic(kafka, { name: topics.laureates, partitions: 3, compacted: true });
    await createTopic(kafka, { name: topics.runs });
    await createTopic(kafka, { name: topics.dlq });
    await createTopic(kafka, { name: topics.commands, compacted: true });

    const fetchedAt = Date.UTC(2024, 5, 10);
    const prizeEncoder = codec.encoder(contracts.nobelPrize, topics.prizes);
    const runEncoder = codec.encoder(contracts.fetchRun, topics.runs);
    const commandEncoder = codec.encoder(contracts.fetcherCommand, topics.commands);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const events = records.map((raw) =>
      toNobelPrize(raw, parseAsServed(sourcePrize, raw), { fetchedAt, fetchRunId: 'run-1' }),
    );
    await producer.send({
      topic: topics.prizes,
      acks: -1,
      messages: await Promise.all(
        events.map(async (e) => ({ key: e.id, value: await prizeEncoder.encode(e) })),
      ),
    });
    await producer.send({
      topic: topics.runs,
      acks: -1,
      messages: [
        {
          key: 'run-1',
          value: await runEncoder.encode({
            runId: 'run-1',
            trigger: 'START',
            startedAt: fetchedAt,
            finishedAt: fetchedAt + 900,
            outcome: 'SUCCEEDED',
            pages: 27,
            prizesSeen: 670,
            prizesChanged: 670,
            prizesMissing: 0,
            sources: [],
            error: null,
          }),
        },
      ],
    });
    await producer.send({
      topic: topics.commands,
      acks: -1,
      messages: [
        {
          key: DESIRED_STATE_KEY,
          value: await commandEncoder.encode({
            commandId: '9f1c1a9e-1111-4c2a-9a52-0c7b1d2e3f40',
            type: 'START',
            intervalSeconds: 600,
            issuedAt: fetchedAt,
            requestedBy: null,
          }),
        },
      ],
    });
    await producer.disconnect();

    const common = {
      TOPIC_PRIZES: topics.prizes,
      TOPIC_LAUREATES: topics.laureates,
      TOPIC_FETCH_RUNS: topics.runs,
      TOPIC_PRIZES_DLQ: topics.dlq,
      TOPIC_COMMANDS: topics.commands,
      DB_NAME: database.config.database,
      SINK_GROUP_ID: sinkGroup,
      LOG_LEVEL: 'warn',
    };
    const sinkPort = await freePort();
    services.push(
      await startService({
        main: resolve(__dirname, '..', '..', '..', 'sink', 'dist', 'main.js'),
        env: { ...common, SINK_METRICS_PORT: String(sinkPort) },
        readyUrl: `http://127.0.0.1:${sinkPort}/healthz`,
      }),
    );
    const apiPort = await freePort();
    api = `http://127.0.0.1:${apiPort}`;
    services.push(
      await startService({
        main: resolve(__dirname, '..', '..', 'dist', 'main.js'),
        env: { ...common, HTTP_PORT: String(apiPort) },
        readyUrl: `${api}/healthz`,
      }),
    );
    await waitFor(async () => (await get('/prizes?limit=1')).body.total === 670, {
      timeoutMs: 60_000,
      description: '670 prizes through the API',
    });
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await database?.drop();
  });

  it('gives back, for each of the 670 prizes, exactly the record the Nobel API served', async () => {
    for (const record of records) {
      const event = toNobelPrize(record, parseAsServed(sourcePrize, record), {
        fetchedAt: 0,
        fetchRunId: '',
      });
      const { status, body } = await get(`/prizes/${event.id}`);
      expect(status).toBe(200);
      const served = Object.fromEntries(
        Object.entries(body).filter(([key]) => !PROVENANCE.includes(key)),
      );
      expect(served).toEqual(record);
      expect(JSON.stringify(served)).toBe(JSON.stringify(record));
      expect(body).toMatchObject({
        id: event.id,
        categoryCode: event.categoryCode,
        contentHash: event.contentHash,
        fetchRunId: 'run-1',
      });
    }
  });

  it('lists newest first, filters, and finds laureates', async () => {
    const newest = await get('/?limit=3');
    expect((newest.body.items as { awardYear: string }[]).map((p) => p.awardYear)).toEqual([
      '2023',
      '2023',
      '2023',
    ]);
    expect((await get('/prizes?year=1901&yearTo=1905&category=phy')).body.total).toBe(5);
    const curie = await get('/laureates/6');
    expect(curie.status).toBe(200);
    expect(
      (curie.body.prizes as { id: string; portion: string }[]).map((p) => [p.id, p.portion]),
    ).toEqual([
      ['phy-1903', '1/4'],
      ['che-1911', '1'],
    ]);
    // Pierre and Marie Curie (1903), Marie Curie (1911), Irène Joliot-Curie (1935).
    expect((await get('/prizes?laureate=curie')).body.total).toBe(3);
    // The same three laureates, by English name; only the prize events have been read.
    const curies = await get('/laureates?name=CURIE');
    expect(curies.status).toBe(200);
    assertDocumented('GET', '/laureates', 200, curies.body);
    expect(curies.body).toMatchObject({ total: 3, limit: 25, offset: 0 });
    expect((curies.body.items as { id: string }[]).map((l) => l.id)).toEqual(['194', '6', '5']);
    const physics1903 = await get('/laureates?category=phy&year=1903&limit=2');
    expect(physics1903.body).toMatchObject({ total: 3, limit: 2 });
    expect(physics1903.body.items).toHaveLength(2);
  });

  it('reports the runs and the status of the pipeline', async () => {
    expect((await get('/runs')).body.items).toEqual([
      expect.objectContaining({ runId: 'run-1', outcome: 'SUCCEEDED', prizesSeen: 670 }),
    ]);
    await waitFor(
      async () =>
        ((await get('/status')).body.fetcher as { desiredState: string }).desiredState ===
        'STARTED',
      { description: 'the desired state' },
    );
    const { body } = await get('/status');
    expect(body).toMatchObject({
      fetcher: { desiredState: 'STARTED', intervalSeconds: 600 },
      lastRun: { runId: 'run-1', outcome: 'SUCCEEDED' },
      nextRunExpectedAt: new Date(Date.UTC(2024, 5, 10) + 600_000).toISOString(),
      sink: { totalLag: 0 },
    });
    // The partitions of the topics the sink consumes: prizes (3), laureates (3), runs (1).
    expect((body.sink as { lag: unknown[] }).lag).toHaveLength(7);
  });
});
