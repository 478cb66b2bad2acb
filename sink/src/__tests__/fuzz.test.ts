import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { QueryTypes } from 'sequelize';
import { createSequelize } from '@nobel-pipeline/db';
import {
  createCodec,
  loadContracts,
  type FetchRun,
  type NobelLaureate,
  type NobelPrize,
} from '@nobel-pipeline/schemas';
import { parseAsServed, sourceLaureateRecord, toNobelLaureate } from '@nobel-pipeline/fetcher';
import { sampleLaureate } from '@nobel-pipeline/nobel-mirror';
import {
  caughtUp,
  collect,
  createTestDatabase,
  freePort,
  produceRecords,
  startService,
  syntheticPrize,
  testKafka,
  uniqueGroup,
  waitFor,
} from '@nobel-pipeline/test-utils';
import { config, createSinkTopics, startSink, type SinkTopics } from '../testing/pipeline';

/**
 * A fuzzer for the sink, like the one the API has: a few thousand records — random bytes,
 * frames with unknown schema ids, other contracts' records, tombstones, and valid Avro with
 * absurd values (huge strings, 10,000 laureates, deeply nested otherFields, extreme times and
 * amounts, forged fields) — interleaved with valid ones, all keys distinct. Afterwards: every
 * record is either a row or a DLQ record, never both, never neither; every valid record is a
 * row; every partition is committed to its end; and the read API answers every stored prize
 * without a 5xx. FUZZ_SEED=<n> replays a run; FUZZ_RECORDS=<n> sizes it.
 */
jest.setTimeout(300_000);

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const RECORDS = Number(process.env.FUZZ_RECORDS ?? 3000);
const kafka = testKafka();
const contracts = loadContracts();
const codec = createCodec({ registry: new SchemaRegistry({ host: config.registry.url }) });

/** A small deterministic generator: the seed replays the run. */
function generator(seed: number) {
  let state = seed || 1;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T };
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

type Destination = 'row' | 'dlq';

/**
 * Valid Avro NobelPrize values the tables or the rules cannot take (→ DLQ), or barely can
 * (→ a row): where each must end up.
 */
const ABSURD: [string, Destination, (p: NobelPrize) => NobelPrize][] = [
  ['a 300 KB category name', 'dlq', (p) => ({ ...p, category: { en: 'x'.repeat(300_000) } })],
  [
    'a 70,000-character motivation',
    'dlq',
    (p) => ({
      ...p,
      laureates: (p.laureates ?? []).map((l) => ({
        ...l,
        motivation: { en: 'é'.repeat(70_000) },
      })),
    }),
  ],
  [
    '10,000 laureates',
    'row',
    (p) => ({
      ...p,
      laureates: Array.from({ length: 10_000 }, (_, k) => ({
        id: `${p.id}-${k}`,
        knownName: { en: `L${k}` },
        fullName: null,
        orgName: null,
        acronym: null,
        nativeName: null,
        portion: '1/10000',
        sortOrder: String(k % 10_000),
        motivation: null,
        links: [],
        otherFields: null,
      })),
    }),
  ],
  ['otherFields nested 2,000 deep', 'dlq', (p) => ({ ...p, otherFields: nested(2000) })],
  ['otherFields that are not JSON', 'dlq', (p) => ({ ...p, otherFields: '{nope' })],
  [
    'otherFields that forge awardYear and id',
    'dlq',
    (p) => ({
      ...p,
      otherFields: '{"awardYear":"1066","id":"x"}',
    }),
  ],
  [
    "a link's otherFields forging href",
    'dlq',
    (p) => ({
      ...p,
      links: p.links.map((l) => ({ ...l, otherFields: '{"href":"https://evil.example"}' })),
    }),
  ],
  ['fetchedAt in year 9000', 'dlq', (p) => ({ ...p, fetchedAt: Date.UTC(9000, 0, 1) })],
  ['fetchedAt at the end of JavaScript time', 'dlq', (p) => ({ ...p, fetchedAt: 8.64e15 })],
  ['fetchedAt at the start of JavaScript time', 'dlq', (p) => ({ ...p, fetchedAt: -8.64e15 })],
  ['fetchedAt in year 500', 'dlq', (p) => ({ ...p, fetchedAt: Date.UTC(500, 0, 1) })],
  ['fetchedAt = 0', 'row', (p) => ({ ...p, fetchedAt: 0 })],
  ['a negative amount', 'dlq', (p) => ({ ...p, prizeAmount: -5 })],
  ['an amount of 2^52', 'row', (p) => ({ ...p, prizeAmountAdjusted: 2 ** 52 })],
  ['a 100-character dateAwarded', 'dlq', (p) => ({ ...p, dateAwarded: 'y'.repeat(100) })],
  [
    'a sort order that is not a number',
    'dlq',
    (p) => ({
      ...p,
      laureates: (p.laureates ?? []).map((l) => ({ ...l, sortOrder: 'first' })),
    }),
  ],
  [
    'a laureate twice',
    'dlq',
    (p) => ({
      ...p,
      laureates: [...(p.laureates ?? []), ...(p.laureates ?? []).slice(0, 1)],
    }),
  ],
  ['4-byte emoji names', 'row', (p) => ({ ...p, category: { en: '🏅🧪🔬', xx: '𝔑𝔬𝔟𝔢𝔩' } })],
  [
    'no laureates key, empty maps',
    'row',
    (p) => ({ ...p, laureates: null, category: {}, topMotivation: {} }),
  ],
  [
    'an id that is not code-year',
    'dlq',
    (p) => ({ ...p, awardYear: p.awardYear === '1066' ? '1067' : '1066' }),
  ],
];

/** How many times at most the heavy kinds appear in a run. */
const HEAVY: Record<string, number> = {
  '10,000 laureates': 3,
  'a 300 KB category name': 8,
  'a 70,000-character motivation': 8,
};

interface Produced {
  topic: 'prizes' | 'laureates' | 'runs';
  key: string;
  value: Buffer | null;
  /** Where it must end up: a row (prizes or fetch_runs), or the DLQ. */
  expect: Destination;
  kind: string;
}

/** FetchRun values the rules refuse, or take. */
const RUNS: [string, Destination, (r: FetchRun) => FetchRun][] = [
  ['a valid run', 'row', (r) => r],
  ['a run that ends before it starts', 'dlq', (r) => ({ ...r, finishedAt: r.startedAt - 1 })],
  [
    'a run in year 20000',
    'dlq',
    (r) => ({ ...r, startedAt: Date.UTC(20000, 0, 1), finishedAt: Date.UTC(20000, 0, 1) }),
  ],
  ['a negative page count', 'dlq', (r) => ({ ...r, pages: -1 })],
  ['a 100 KB error', 'dlq', (r) => ({ ...r, outcome: 'FAILED', error: 'e'.repeat(100_000) })],
  ['a 100-character run id', 'dlq', (r) => ({ ...r, runId: 'r'.repeat(100) })],
];

/** A valid laureate event of the laureates source, with an id of its own. */
function laureateEvent(i: number, fetchedAt: number): NobelLaureate {
  const raw = { ...sampleLaureate(1901 + (i % 120)), id: `fuzz-l-${i}` };
  return toNobelLaureate(raw, parseAsServed(sourceLaureateRecord, raw), {
    fetchedAt,
    fetchRunId: 'fuzz',
  });
}

const firstPrize = (l: NobelLaureate) => l.nobelPrizes.slice(0, 1);
const CATEGORY_CODES = ['phy', 'che', 'med', 'lit', 'pea', 'eco'];

/** NobelLaureate values the rules refuse (→ DLQ), or take (→ a row). */
const LAUREATES: [string, Destination, (l: NobelLaureate) => NobelLaureate][] = [
  ['a valid laureate', 'row', (l) => l],
  [
    'a prize without its nobelPrize link',
    'dlq',
    (l) => ({
      ...l,
      nobelPrizes: firstPrize(l).map((p) => ({
        ...p,
        links: p.links.filter((k) => k.rel !== 'nobelPrize'),
      })),
    }),
  ],
  ['a 17-character gender', 'dlq', (l) => ({ ...l, gender: 'g'.repeat(17) })],
  [
    'a 300 KB birth city',
    'dlq',
    (l) => ({
      ...l,
      birth: {
        date: '1900-00-00',
        place: {
          city: {
            names: { en: 'c'.repeat(300_000) },
            sameAs: null,
            latitude: null,
            longitude: null,
            otherFields: null,
          },
          country: null,
          cityNow: null,
          countryNow: null,
          continent: null,
          locationString: null,
          otherFields: null,
        },
        otherFields: null,
      },
    }),
  ],
  ['otherFields that forge gender', 'dlq', (l) => ({ ...l, otherFields: '{"gender":"x"}' })],
  ['fetchedAt in year 9000', 'dlq', (l) => ({ ...l, fetchedAt: Date.UTC(9000, 0, 1) })],
  [
    'a birth date of 33 characters',
    'dlq',
    (l) => ({ ...l, birth: { date: '1'.repeat(33), place: null, otherFields: null } }),
  ],
  [
    'the same prize twice',
    'dlq',
    (l) => ({ ...l, nobelPrizes: [...firstPrize(l), ...firstPrize(l)] }),
  ],
  [
    'coordinates that are not numbers, a date that is no day',
    'row',
    (l) => ({
      ...l,
      birth: {
        date: '1900-02-30',
        place: {
          city: null,
          country: null,
          cityNow: {
            names: { en: 'Nowhere' },
            sameAs: 'one url',
            latitude: 'north',
            longitude: '999',
            otherFields: null,
          },
          countryNow: null,
          continent: null,
          locationString: null,
          otherFields: null,
        },
        otherFields: null,
      },
    }),
  ],
  [
    '600 prizes',
    'row',
    (l) => ({
      ...l,
      nobelPrizes: Array.from({ length: 600 }, (_, k) => {
        const [prize] = firstPrize(l);
        if (prize === undefined) throw new Error('the sample has a prize');
        const code = CATEGORY_CODES[k % 6] ?? 'phy';
        const year = String(1901 + Math.floor(k / 6));
        return {
          ...prize,
          awardYear: year,
          links: [
            {
              ...prize.links[0],
              rel: 'nobelPrize',
              href: `https://api.nobelprize.org/2/nobelPrize/${code}/${year}`,
              action: null,
              types: null,
              title: null,
              class: null,
              otherFields: null,
            },
          ],
        };
      }),
    }),
  ],
];

async function generate(topics: SinkTopics): Promise<Produced[]> {
  const { next, pick } = generator(SEED);
  const prizes = codec.encoder(contracts.nobelPrize, topics.prizes);
  const runs = codec.encoder(contracts.fetchRun, topics.fetchRuns);
  const laureates = codec.encoder(contracts.nobelLaureate, topics.laureates);
  // A day before now: the sink refuses times ahead of its own clock.
  const fetchedAt = Date.now() - 86_400_000;
  const run = (runId: string): FetchRun => ({
    runId,
    trigger: 'SCHEDULE',
    startedAt: fetchedAt,
    finishedAt: fetchedAt + 1000,
    outcome: 'SUCCEEDED',
    pages: 27,
    prizesSeen: 670,
    prizesChanged: 0,
    prizesMissing: 0,
    sources: [],
    error: null,
  });
  const out: Produced[] = [];
  const used = new Map<string, number>();
  for (let i = 0; i < RECORDS; i++) {
    const base = syntheticPrize(i, fetchedAt, next, 'fuzz');
    const draw = next();
    const add = (record: Omit<Produced, 'topic'>, topic: Produced['topic'] = 'prizes') =>
      out.push({ topic, ...record });
    if (draw < 0.5) {
      add({ key: base.id, value: await prizes.encode(base), expect: 'row', kind: 'valid' });
    } else if (draw < 0.58) {
      const bytes = randomBytes(Math.floor(next() * 200));
      add(
        { key: `fuzz-bytes-${i}`, value: bytes, expect: 'dlq', kind: 'random bytes' },
        next() < 0.5 ? 'prizes' : 'runs',
      );
    } else if (draw < 0.63) {
      const frame = Buffer.alloc(5 + Math.floor(next() * 50));
      frame.writeUInt8(0, 0);
      frame.writeUInt32BE(1_000_000 + Math.floor(next() * 1_000_000), 1);
      add({ key: `fuzz-unknown-id-${i}`, value: frame, expect: 'dlq', kind: 'unknown schema id' });
    } else if (draw < 0.66) {
      // A FetchRun on the prizes topic: another contract than the topic's.
      const value = await runs.encode(run(`fuzz-run-${i}`));
      add({ key: `fuzz-run-${i}`, value, expect: 'dlq', kind: 'another contract' });
    } else if (draw < 0.69) {
      const [kind, expect, mutate] = pick(RUNS);
      const value = await runs.encode(mutate(run(`fuzz-run-${i}`)));
      add({ key: `fuzz-run-${i}`, value, expect, kind: `fetch-runs: ${kind}` }, 'runs');
    } else if (draw < 0.71) {
      add({ key: `fuzz-tombstone-${i}`, value: null, expect: 'dlq', kind: 'tombstone' });
    } else if (draw < 0.81) {
      const [kind, expect, mutate] = pick(LAUREATES);
      const laureate = mutate(laureateEvent(i, fetchedAt));
      const roll = next();
      if (roll < 0.05)
        add(
          { key: `fuzz-l-${i}`, value: null, expect: 'dlq', kind: 'laureates: a tombstone' },
          'laureates',
        );
      else if (roll < 0.1)
        // A prize on the laureates topic: another contract than the topic's.
        add(
          {
            key: `fuzz-l-${i}`,
            value: await prizes.encode(base),
            expect: 'dlq',
            kind: 'laureates: a prize',
          },
          'laureates',
        );
      else if (roll < 0.15)
        add(
          {
            key: `fuzz-l-other-${i}`,
            value: await laureates.encode(laureate),
            expect: 'dlq',
            kind: 'laureates: a key that is not the id',
          },
          'laureates',
        );
      else
        add(
          {
            key: laureate.id,
            value: await laureates.encode(laureate),
            expect,
            kind: `laureates: ${kind}`,
          },
          'laureates',
        );
    } else {
      let [kind, expect, mutate] = pick(ABSURD);
      // The heavy ones a few times each: enough to prove the point, not a benchmark.
      while ((used.get(kind) ?? 0) >= (HEAVY[kind] ?? Infinity))
        [kind, expect, mutate] = pick(ABSURD);
      used.set(kind, (used.get(kind) ?? 0) + 1);
      add({ key: base.id, value: await prizes.encode(mutate(base)), expect, kind });
    }
  }
  return out;
}

/** The records for one topic, as they are (produceRecords keeps each request under 1 MB). */
async function produce(topic: string, records: readonly Produced[]): Promise<void> {
  await produceRecords(
    kafka,
    topic,
    records.map(({ key, value }) => ({ key, value })),
  );
}

it(`stores or dead-letters every record, never sticks, and the read API serves what it stored (seed ${SEED})`, async () => {
  process.stderr.write(`\nsink fuzzer: FUZZ_SEED=${SEED} FUZZ_RECORDS=${RECORDS}\n`);
  const database = await createTestDatabase(config.db);
  const topics = await createSinkTopics(kafka, 'fuzz');
  const groupId = uniqueGroup('sink-fuzz');
  const dlq = await collect(kafka, topics.prizesDlq, 1);
  const records = await generate(topics);
  await produce(
    topics.prizes,
    records.filter((r) => r.topic === 'prizes'),
  );
  await produce(
    topics.fetchRuns,
    records.filter((r) => r.topic === 'runs'),
  );
  await produce(
    topics.laureates,
    records.filter((r) => r.topic === 'laureates'),
  );
  const sink = await startSink(topics, database.config, groupId, {
    SINK_MAX_BYTES_PER_PARTITION: String(4 * 1024 * 1024),
  });
  const sequelize = createSequelize({ config: database.config });
  let api: Awaited<ReturnType<typeof startService>> | undefined;
  try {
    await waitFor(
      () => caughtUp(kafka, groupId, [topics.prizes, topics.laureates, topics.fetchRuns]),
      {
        timeoutMs: 180_000,
        description: 'every partition committed to its end',
      },
    ).catch((error: unknown) => {
      throw new Error(
        `${String(error)}\n--- the sink's last lines ---\n${sink.service.output().slice(-4000)}`,
      );
    });
    expect((await fetch(sink.metricsUrl.replace('/metrics', '/readyz'))).status).toBe(200);
    await dlq.flush();

    const ids = async (sql: string) =>
      (await sequelize.query<{ id: string }>(sql, { type: QueryTypes.SELECT })).map((r) => r.id);
    const prizeRows = new Set(await ids('SELECT id FROM prizes'));
    const runRows = new Set(await ids('SELECT run_id AS id FROM fetch_runs'));
    const laureateRows = new Set(await ids('SELECT id FROM laureate_details'));
    const rowsOf = { prizes: prizeRows, runs: runRows, laureates: laureateRows };
    const dead = dlq.messages.map((m) => m.message.key?.toString() ?? '');
    const deadSet = new Set(dead);
    const where = (r: Produced) => {
      const row = rowsOf[r.topic].has(r.key);
      if (row && deadSet.has(r.key)) return 'both';
      return row ? 'row' : deadSet.has(r.key) ? 'dlq' : 'lost';
    };
    // Every record where it must be: a row, or the DLQ — never both, never neither.
    const misplaced = records
      .filter((r) => where(r) !== r.expect)
      .map((r) => `${r.kind} (${r.key}): expected ${r.expect}, found ${where(r)}`);
    expect(misplaced).toEqual([]);
    expect(prizeRows.size + runRows.size + laureateRows.size + dead.length).toBe(records.length);
    const kinds = new Map<string, number>();
    for (const r of records) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    process.stderr.write(
      `sink fuzzer: ${records.length} records (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}): ${prizeRows.size} prizes, ${laureateRows.size} laureates, ${runRows.size} runs, ${dead.length} on the DLQ\n`,
    );
    const rows = prizeRows;

    // The read API over what was stored: every prize, every page, no 5xx.
    const port = await freePort();
    api = await startService({
      main: resolve(__dirname, '..', '..', '..', 'ingest-api', 'dist', 'main.js'),
      env: {
        HTTP_PORT: String(port),
        DB_NAME: database.config.database,
        TOPIC_PRIZES: topics.prizes,
        TOPIC_FETCH_RUNS: topics.fetchRuns,
        TOPIC_LAUREATES: topics.laureates,
        SINK_GROUP_ID: groupId,
        LOG_LEVEL: 'error',
      },
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    });
    const statuses = new Map<number, number>();
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      return res.status;
    };
    for (const id of rows) await get(`/prizes/${encodeURIComponent(id)}`);
    for (let offset = 0; offset < rows.size; offset += 100)
      await get(`/prizes?limit=100&offset=${offset}`);
    const laureates = await sequelize.query<{ id: string }>('SELECT id FROM laureates LIMIT 300', {
      type: QueryTypes.SELECT,
    });
    for (const { id } of laureates) await get(`/laureates/${encodeURIComponent(id)}`);
    // And every laureate of the laureates source, one by one and page by page.
    for (const id of laureateRows) await get(`/laureates/${encodeURIComponent(id)}`);
    // The list holds the laureates prize events name too: page to its total.
    const listed = Number(
      (
        await sequelize.query<{ n: number }>(
          'SELECT COUNT(*) AS n FROM (SELECT id FROM laureates UNION SELECT id FROM laureate_details) AS ids',
          { type: QueryTypes.SELECT },
        )
      )[0]?.n,
    );
    for (let offset = 0; offset < listed; offset += 100)
      await get(`/laureates?limit=100&offset=${offset}`);
    // The list's total is every laureate either source knows, once.
    const first = (await (await fetch(`http://127.0.0.1:${port}/laureates?limit=1`)).json()) as {
      total: number;
    };
    expect(first.total).toBe(listed);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.get(200)).toBe(
      rows.size +
        Math.ceil(rows.size / 100) +
        laureates.length +
        laureateRows.size +
        Math.ceil(listed / 100),
    );
  } finally {
    await sequelize.close();
    expect(await sink.service.stop()).toBe(0);
    if (api !== undefined) await api.stop();
    await dlq.stop();
    await database.drop();
  }
});
