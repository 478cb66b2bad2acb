import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createLogger } from '@nobel-pipeline/common';
import { waitFor } from '@nobel-pipeline/test-utils';
import {
  createMirror,
  sampleLaureates,
  samplePrizes,
  type FaultSpec,
  type Mirror,
} from '@nobel-pipeline/nobel-mirror';
import type { z } from 'zod';
import type { NobelApiConfig } from '../config';
import { NobelApiError, RunAbortedError } from '../errors';
import { describeWithSnapshot, realLaureates, realPrizes } from '../testing/snapshot';
import { sourceLaureateRecord } from './laureates/source-laureate';
import { sourcePrize } from './source';
import {
  createNobelClient,
  type Endpoint,
  type FetchProgress,
  type NobelClient,
  type NobelClientHooks,
} from './client';

const logger = createLogger({ name: 'test', level: 'silent' });

/** The collector, as `--expose-gc` gives it, without restarting Node with the flag. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
let mirror: Mirror;

const prizes: Endpoint<z.infer<typeof sourcePrize>> = { name: 'nobelPrizes', record: sourcePrize };
const laureates: Endpoint<z.infer<typeof sourceLaureateRecord>> = {
  name: 'laureates',
  record: sourceLaureateRecord,
};

/** One run that reads the prizes endpoint only. */
function fetchAllPrizes(
  client: NobelClient,
  stop: AbortSignal,
  onProgress?: (progress: FetchProgress) => void,
) {
  return client.withRun(stop, (reader) => reader.readAll(prizes, onProgress));
}

async function setup(
  records: unknown[],
  overrides: Partial<NobelApiConfig> = {},
  hooks: NobelClientHooks = {},
  laureateRecords: unknown[] = sampleLaureates(30),
) {
  mirror = createMirror({ data: { nobelPrizes: records, laureates: laureateRecords } });
  const url = await mirror.listen(0);
  const config: NobelApiConfig = {
    url,
    pageSize: 25,
    requestTimeoutMs: 2000,
    retries: 3,
    retryBaseDelayMs: 5,
    runDeadlineMs: 30_000,
    maxRecords: 100_000,
    ...overrides,
  };
  return createNobelClient(config, { logger, hooks });
}

const fault = (spec: Partial<FaultSpec> & Pick<FaultSpec, 'type'>) =>
  mirror.faults.add({ times: 1, ms: 0, status: 503, retryAfter: 0, ...spec });
const never = new AbortController().signal;
const requests = () => mirror.requests.get('/2.1/nobelPrizes') ?? 0;

afterEach(async () => {
  await mirror.close();
});

describe('the Nobel API client', () => {
  it('reads every page until meta.count, whatever links.next says', async () => {
    const client = await setup(samplePrizes(48)); // 50 records: next points past the end
    const result = await fetchAllPrizes(client, never);
    expect(result).toMatchObject({ pages: 2, count: 50 });
    expect(result.records).toHaveLength(50);
    expect(requests()).toBe(2);
  });

  it('hands over each record as served: fields no schema declares are there, at every level', async () => {
    const records = samplePrizes(3);
    const odd = records[1] as {
      links: Record<string, unknown>[];
      laureates: { links: Record<string, unknown>[] }[];
    };
    Object.assign(odd, { newField: { nested: [1, 'two'] } });
    Object.assign(odd.links[0] ?? {}, { hreflang: 'en' });
    Object.assign(odd.laureates[0] ?? {}, { affiliationHint: 'x' });
    Object.assign(odd.laureates[0]?.links[0] ?? {}, { rev: 'self' });
    const client = await setup(records);
    const result = await fetchAllPrizes(client, never);
    expect(result.records.map((r) => r.record)).toEqual(records);
    // The very object as served: the schemas only check (their output would drop those fields).
    expect(result.records.every(({ raw, record }) => record === raw)).toBe(true);
  });

  it("asks for the next page while this page's records are handled, one request at a time", async () => {
    const seen: string[] = [];
    const client = await setup(
      samplePrizes(73),
      {},
      {
        onRequest: (page) => seen.push(`request ${page}`),
        onPage: () => seen.push('response'),
      },
    );
    const result = await client.withRun(never, (reader) =>
      reader.readAll(prizes, undefined, (records) => seen.push(`records ${records.length}`)),
    );
    expect(result).toMatchObject({ pages: 3, count: 75 });
    expect(seen).toEqual([
      'request 1',
      'response',
      'request 2',
      'records 25',
      'response',
      'request 3',
      'records 25',
      'response',
      'records 25',
    ]);
  });

  it("has the next page's request on its way while this page's records are handled", async () => {
    // The pages as the mirror serves them, from a server in a process of its own (as the real
    // API is another machine's), which says when each request arrived.
    mirror = createMirror({ data: { nobelPrizes: samplePrizes(48) } });
    const url = await mirror.listen(0);
    const bodies: Record<string, string> = {};
    for (const offset of [0, 25])
      bodies[offset] = await (await fetch(`${url}/nobelPrizes?offset=${offset}&limit=25`)).text();
    const server = spawn(
      process.execPath,
      [
        '-e',
        `const bodies = JSON.parse(process.env.BODIES);
         require('node:http').createServer((req, res) => {
           const offset = new URL(req.url, 'http://x').searchParams.get('offset');
           process.stdout.write(Date.now() + ' ' + offset + '\\n');
           res.setHeader('content-type', 'application/json');
           res.end(bodies[offset]);
         }).listen(0, '127.0.0.1', function () { process.stdout.write('port ' + this.address().port + '\\n'); });`,
      ],
      {
        env: { ...process.env, BODIES: JSON.stringify(bodies) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    let exited = false;
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.once('exit', () => (exited = true));
    try {
      await waitFor(
        async () => {
          if (exited) throw new Error(`the server exited: ${output}`);
          return /^port \d+\n/m.test(output);
        },
        { timeoutMs: 3000, description: 'the server' },
      );
      const port = /^port (\d+)\n/m.exec(output)?.[1] ?? '';
      const remote = createNobelClient(
        {
          url: `http://127.0.0.1:${port}/2.1`,
          pageSize: 25,
          requestTimeoutMs: 5000,
          retries: 0,
          retryBaseDelayMs: 5,
          runDeadlineMs: 30_000,
          maxRecords: 1000,
        },
        { logger },
      );
      const handled: number[] = [];
      await remote.withRun(never, (reader) =>
        reader.readAll(prizes, undefined, () => {
          // Handling a page takes 300 ms here (synchronously, as mapping and hashing do).
          const until = Date.now() + 300;
          while (Date.now() < until);
          handled.push(Date.now());
        }),
      );
      await waitFor(async () => /^\d+ 25$/m.test(output), { description: 'both requests' });
      const secondArrived = Number(/^(\d+) 25$/m.exec(output)?.[1]);
      // The second page was asked for, and had arrived, before the first page was handled.
      expect(handled).toHaveLength(2);
      expect(secondArrived).toBeLessThan(handled[0] ?? 0);
    } finally {
      server.kill();
    }
  });

  it('fails with the page whose records are refused, not the one asked for ahead', async () => {
    const data = samplePrizes(48);
    (data[3] as { prizeAmount: unknown }).prizeAmount = 'a lot';
    const seen: number[] = [];
    const client = await setup(data, {}, { onRequest: (page) => seen.push(page) });
    await expect(fetchAllPrizes(client, never)).rejects.toThrow(
      /^nobelPrizes page 1 \(offset 0\): nobelPrizes\[3\]\.prizeAmount/,
    );
    expect(seen).toEqual([1, 2]);
  });

  it('hands every page to onRecords, and a throw there ends the read', async () => {
    const client = await setup(samplePrizes(48));
    const handled: number[] = [];
    await expect(
      client.withRun(never, (reader) =>
        reader.readAll(prizes, undefined, (records) => {
          handled.push(records.length);
          throw new NobelApiError('mapping refused a record', {});
        }),
      ),
    ).rejects.toThrow('mapping refused a record');
    expect(handled).toEqual([25]);
  });

  it('advances by the records received when the server caps the page size', async () => {
    const client = await setup(samplePrizes(8), { pageSize: 1000 });
    const result = await fetchAllPrizes(client, never);
    expect(result.records).toHaveLength(10);
    expect(result.pages).toBe(1);
  });

  it.each<[string, Partial<FaultSpec> & Pick<FaultSpec, 'type'>, string]>([
    ['a 503', { type: 'status', status: 503, times: 2 }, 'status_5xx'],
    ['a 500', { type: 'status', status: 500 }, 'status_5xx'],
    ['a 429 with Retry-After', { type: 'rate-limit', retryAfter: 0 }, 'status_429'],
    ['a slow answer (timeout)', { type: 'latency', ms: 3000 }, 'timeout'],
    ['a body that is not JSON', { type: 'malformed' }, 'body_not_json'],
    ['a truncated body', { type: 'truncated' }, 'body_not_json'],
    ['a reset connection', { type: 'reset' }, 'network'],
  ])('retries %s and succeeds', async (_name, spec, code) => {
    const retries: string[] = [];
    const codes = new Set<string>();
    const client = await setup(
      samplePrizes(30),
      { requestTimeoutMs: 500 },
      {
        onRetry: (_n, reason, c) => {
          retries.push(reason);
          codes.add(c);
        },
      },
    );
    fault({ ...spec, offset: 25 });
    const result = await fetchAllPrizes(client, never);
    expect(result.records).toHaveLength(32);
    expect(retries.length).toBe(spec.times ?? 1);
    // Metric labels are codes from a small set, never words cut from a message.
    expect([...codes]).toEqual([code]);
  });

  it('gives up after the configured retries, naming the page', async () => {
    const client = await setup(samplePrizes(30), { retries: 2 });
    fault({ type: 'status', status: 503, times: 10, offset: 25 });
    const error = await fetchAllPrizes(client, never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NobelApiError);
    expect((error as NobelApiError).message).toBe(
      'nobelPrizes page 2 (offset 25): HTTP 503 after 2 retries',
    );
    expect((error as NobelApiError).page).toBe(2);
    expect(requests()).toBe(1 + 3);
  });

  it('gives up on a body that stays not JSON after the configured retries', async () => {
    const client = await setup(samplePrizes(30), { retries: 2 });
    fault({ type: 'malformed', times: 10, offset: 25 });
    const error = await fetchAllPrizes(client, never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NobelApiError);
    expect((error as NobelApiError).message).toBe(
      'nobelPrizes page 2 (offset 25): the response body is not JSON after 2 retries',
    );
    expect((error as NobelApiError).retriable).toBe(true);
    expect(requests()).toBe(1 + 3);
  });

  it('does not retry a 404', async () => {
    const client = await setup(samplePrizes(1));
    fault({ type: 'status', status: 404 });
    await expect(fetchAllPrizes(client, never)).rejects.toThrow(
      'nobelPrizes page 1 (offset 0): HTTP 404',
    );
    expect(requests()).toBe(1);
  });

  it('fails naming the page and field of a record of the wrong type', async () => {
    const records = samplePrizes(30);
    (records[27] as Record<string, unknown>).prizeAmount = '150000';
    const client = await setup(records);
    const error = (await fetchAllPrizes(client, never).catch((e: unknown) => e)) as NobelApiError;
    expect(error.message).toBe(
      'nobelPrizes page 2 (offset 25): nobelPrizes[2].prizeAmount: expected a number',
    );
    expect(error.field).toBe('nobelPrizes[2].prizeAmount');
  });

  it('fails when meta.count changes between pages', async () => {
    const client = await setup(
      samplePrizes(30),
      {},
      {
        onPage: () => {
          if (requests() === 1) mirror.mutate({ id: 'phy-1901', remove: true });
        },
      },
    );
    await expect(fetchAllPrizes(client, never)).rejects.toThrow(
      'nobelPrizes page 2 (offset 25): meta.count changed from 32 to 31 during the run',
    );
  });

  it('is aborted by the stop signal', async () => {
    const client = await setup(samplePrizes(30));
    fault({ type: 'latency', ms: 5000, offset: 25 });
    const stop = new AbortController();
    const pages: number[] = [];
    const run = fetchAllPrizes(client, stop.signal, (progress) => pages.push(progress.pages));
    setTimeout(() => stop.abort(), 50);
    await expect(run).rejects.toThrow('stopped while reading nobelPrizes page 2 (offset 25)');
    await expect(run).rejects.toThrow(RunAbortedError);
    expect(pages).toEqual([1]);
  });

  it('fails when the run deadline passes, even when the garbage collector runs meanwhile', async () => {
    // An endless source that answers each page after 100 ms; the collector runs every 20 ms.
    const client = await setup(samplePrizes(30), { runDeadlineMs: 800, maxRecords: 10_000_000 });
    fault({ type: 'endless', count: 1_000_000, ms: 100, times: 1_000_000 });
    const collect = garbageCollector();
    const collecting = setInterval(collect, 20);
    const started = Date.now();
    try {
      await expect(fetchAllPrizes(client, never)).rejects.toThrow(
        /the run's deadline of 0.8 s passed/,
      );
    } finally {
      clearInterval(collecting);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a source that claims more records than a run reads, at its first page', async () => {
    const client = await setup(samplePrizes(30), { maxRecords: 1000 });
    fault({ type: 'endless', count: 1e15, ms: 0, times: 1000 });
    const pages: number[] = [];
    await expect(fetchAllPrizes(client, never, (p) => pages.push(p.pages))).rejects.toThrow(
      'nobelPrizes page 1 (offset 0): meta.count says 1000000000000000 records, more than a run reads (NOBEL_MAX_RECORDS=1000)',
    );
    expect(pages).toEqual([]);
    expect(requests()).toBe(1);
  });

  it('fails when the run deadline passes', async () => {
    const client = await setup(samplePrizes(30), { runDeadlineMs: 200, requestTimeoutMs: 5000 });
    fault({ type: 'latency', ms: 3000, offset: 25 });
    await expect(fetchAllPrizes(client, never)).rejects.toThrow(
      "nobelPrizes page 2 (offset 25): the run's deadline of 0.2 s passed",
    );
  });

  it('reads any endpoint: the laureates, paging to their meta.count', async () => {
    const client = await setup(samplePrizes(3));
    const result = await client.withRun(never, (reader) => reader.readAll(laureates));
    expect(result).toMatchObject({ pages: 2, count: 30 });
    expect(result.records.map((r) => r.record.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => String(1901 + i)),
    );
    expect(mirror.requests.get('/2.1/laureates')).toBe(2);
  });

  it('names the endpoint, page and field of an invalid laureate', async () => {
    const client = await setup(samplePrizes(3));
    mirror.mutate({ endpoint: 'laureates', id: '1929', path: 'gender', value: 1 });
    await expect(client.withRun(never, (reader) => reader.readAll(laureates))).rejects.toThrow(
      'laureates page 2 (offset 25): laureates[3].gender: expected a string',
    );
  });

  it('has one deadline for the whole run, whatever endpoints it reads', async () => {
    // Each endpoint alone takes 300 ms, well within the deadline; both together do not.
    const client = await setup(samplePrizes(3), { runDeadlineMs: 500, requestTimeoutMs: 5000 });
    fault({ type: 'latency', ms: 300, path: 'nobelPrizes' });
    fault({ type: 'latency', ms: 300, path: 'laureates', offset: 0 });
    const read = client.withRun(never, async (reader) => {
      await reader.readAll(prizes);
      return reader.readAll(laureates);
    });
    await expect(read).rejects.toThrow(
      "laureates page 1 (offset 0): the run's deadline of 0.5 s passed",
    );
  });
});

describeWithSnapshot('the client on the real snapshot', () => {
  it('reads the 670 prizes in 27 pages of 25', async () => {
    const client = await setup(realPrizes());
    const result = await fetchAllPrizes(client, never);
    expect(result).toMatchObject({ pages: 27, count: 670 });
    expect(result.records).toHaveLength(670);
  });

  it('reads the 992 laureates in 40 pages of 25, in the same run as the prizes', async () => {
    const client = await setup(realPrizes(), {}, {}, realLaureates());
    const [prizeResult, laureateResult] = await client.withRun(never, async (reader) => [
      await reader.readAll(prizes),
      await reader.readAll(laureates),
    ]);
    expect(prizeResult).toMatchObject({ pages: 27, count: 670 });
    expect(laureateResult).toMatchObject({ pages: 40, count: 992 });
    expect(new Set(laureateResult?.records.map((r) => r.record.id)).size).toBe(992);
  });
});

describe('what the client refuses for good', () => {
  const mirrorUrl = () => `http://127.0.0.1:${(mirror.server.address() as AddressInfo).port}/2.1`;

  /** A server that redirects /2.1/nobelPrizes to `location(port)`. */
  async function redirecting(location: (port: number) => string) {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(302, { Location: location(port) });
      res.end();
    });
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const port = (server.address() as AddressInfo).port;
    return { server, port, hits: () => hits };
  }

  it('never follows a redirect to another origin, and never retries it', async () => {
    await setup(samplePrizes(3));
    const target = mirrorUrl();
    const elsewhere = await redirecting(() => `${target}/nobelPrizes?offset=0&limit=25`);
    try {
      const client = createNobelClient(
        {
          url: `http://localhost:${elsewhere.port}/2.1`,
          pageSize: 25,
          requestTimeoutMs: 2000,
          retries: 3,
          retryBaseDelayMs: 5,
          runDeadlineMs: 30_000,
          maxRecords: 1000,
        },
        { logger },
      );
      const error = (await fetchAllPrizes(client, never).catch((e: unknown) => e)) as NobelApiError;
      expect(error).toBeInstanceOf(NobelApiError);
      expect(error.message).toMatch(/page 1 \(offset 0\): a redirect from .* to another origin/);
      expect(error.retriable).toBe(false);
      expect(elsewhere.hits()).toBe(1);
      expect(requests()).toBe(0);
    } finally {
      await new Promise((resolveClose) => elsewhere.server.close(resolveClose));
    }
  });

  it('follows a redirect within the same origin', async () => {
    await setup(samplePrizes(3));
    const api = mirrorUrl();
    // /old/… redirects to /new/… on the same server, which answers what the mirror answers.
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path.startsWith('/old/')) {
        res.writeHead(301, { Location: path.replace('/old/', '/new/') });
        return void res.end();
      }
      void fetch(`${api}${path.replace('/new', '')}`).then(async (answer) => {
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(await answer.text());
      });
    });
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    try {
      const { port } = server.address() as AddressInfo;
      const client = createNobelClient(
        {
          url: `http://127.0.0.1:${port}/old`,
          pageSize: 25,
          requestTimeoutMs: 2000,
          retries: 0,
          retryBaseDelayMs: 5,
          runDeadlineMs: 30_000,
          maxRecords: 1000,
        },
        { logger },
      );
      expect((await fetchAllPrizes(client, never)).records).toHaveLength(5);
    } finally {
      await new Promise((resolveClose) => server.close(resolveClose));
    }
  });

  it('does not download a body over the size limit again', async () => {
    mirror = createMirror({ data: { nobelPrizes: samplePrizes(30) } });
    const url = await mirror.listen(0);
    const client = createNobelClient(
      {
        url,
        pageSize: 25,
        requestTimeoutMs: 2000,
        retries: 3,
        retryBaseDelayMs: 5,
        runDeadlineMs: 30_000,
        maxRecords: 1000,
      },
      { logger, maxBodyBytes: 1024 },
    );
    const error = (await fetchAllPrizes(client, never).catch((e: unknown) => e)) as NobelApiError;
    expect(error.message).toMatch(/page 1 \(offset 0\): the response is too large/);
    expect(error.retriable).toBe(false);
    expect(requests()).toBe(1);
  });
});
