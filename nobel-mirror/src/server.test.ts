import { networkInterfaces } from 'node:os';
import { ADMIN_BODY_LIMIT } from './admin';
import { SnapshotMissingError } from './errors';
import { samplePrizes } from './sample-prizes';
import { createMirror, type Mirror } from './server';
import { loadSnapshot } from './snapshot';

let mirror: Mirror;
let url: string;

async function start(n: number) {
  mirror = createMirror({ data: { nobelPrizes: samplePrizes(n) } });
  url = await mirror.listen(0);
}

afterEach(async () => {
  await mirror.close();
});

const get = async (path: string) => {
  const res = await fetch(`${url}${path}`);
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe('the Nobel API mirror', () => {
  it('serves the real envelope, compact, 25 per page by default', async () => {
    await start(48); // 50 records
    const first = await get('/nobelPrizes');
    expect(first.status).toBe(200);
    expect(first.text).not.toMatch(/\n|": /);
    const body = JSON.parse(first.text);
    expect(Object.keys(body)).toEqual(['nobelPrizes', 'meta', 'links']);
    expect(body.nobelPrizes).toHaveLength(25);
    expect(Object.keys(body.meta)).toEqual([
      'offset',
      'limit',
      'count',
      'terms',
      'license',
      'disclaimer',
    ]);
    expect(body.meta).toMatchObject({ offset: 0, limit: 25, count: 50 });
    // 50 is a multiple of 25: as observed on the real API, next and last point one page past the end.
    expect(body.links).toEqual({
      first: `${url}/nobelPrizes?offset=0&limit=25`,
      self: `${url}/nobelPrizes?offset=0&limit=25`,
      next: `${url}/nobelPrizes?offset=25&limit=25`,
      last: `${url}/nobelPrizes?offset=50&limit=25`,
    });
    const second = JSON.parse((await get('/nobelPrizes?offset=25&limit=25')).text);
    expect(second.links.next).toBe(`${url}/nobelPrizes?offset=50&limit=25`);
    const past = JSON.parse((await get('/nobelPrizes?offset=50&limit=25')).text);
    expect(past.nobelPrizes).toEqual([]);
    expect(past.meta.count).toBe(50);
    expect(past.links.next).toBeUndefined();
  });

  it('leaves next out on the last page', async () => {
    await start(1); // 3 records
    const body = JSON.parse((await get('/nobelPrizes?offset=0&limit=2')).text);
    expect(body.links).toMatchObject({
      next: `${url}/nobelPrizes?offset=2&limit=2`,
      last: `${url}/nobelPrizes?offset=2&limit=2`,
    });
    const last = JSON.parse((await get('/nobelPrizes?offset=2&limit=2')).text);
    expect(last.nobelPrizes).toHaveLength(1);
    expect(last.links.next).toBeUndefined();
  });

  it('refuses bad paging parameters and unknown paths', async () => {
    await start(1);
    expect((await get('/nobelPrizes?offset=-1')).status).toBe(400);
    expect((await get('/nobelPrizes?limit=abc')).status).toBe(400);
    expect((await fetch(`${url.replace('/2.1', '/2.0')}/nobelPrizes`)).status).toBe(404);
    expect((await get('/laureates')).status).toBe(404);
  });

  it('injects each kind of fault into the next matching requests, then serves normally', async () => {
    await start(1);
    const fault = (spec: object) =>
      fetch(`${url.replace('/2.1', '')}/_admin/faults`, {
        method: 'POST',
        body: JSON.stringify(spec),
      });
    expect((await fault({ type: 'status', status: 502, times: 2 })).status).toBe(201);
    expect((await get('/nobelPrizes')).status).toBe(502);
    expect((await get('/nobelPrizes')).status).toBe(502);
    expect((await get('/nobelPrizes')).status).toBe(200);

    await fault({ type: 'rate-limit', retryAfter: 7 });
    const limited = await get('/nobelPrizes');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);

    await fault({ type: 'malformed' });
    const malformed = await get('/nobelPrizes');
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();

    await fault({ type: 'truncated' });
    await expect(get('/nobelPrizes')).rejects.toThrow();

    await fault({ type: 'reset' });
    await expect(get('/nobelPrizes')).rejects.toThrow();

    await fault({ type: 'status', offset: 25 });
    expect((await get('/nobelPrizes?offset=0')).status).toBe(200);
    expect((await get('/nobelPrizes?offset=25')).status).toBe(503);

    expect((await fault({ type: 'explode' })).status).toBe(400);
  });

  it('changes and removes records, and resets to the original data', async () => {
    await start(2);
    const admin = (path: string, body: object) =>
      fetch(`${url.replace('/2.1', '')}/_admin/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    expect(
      (
        await admin('mutate', {
          id: 'phy-1902',
          path: 'laureates.0.motivation.en',
          value: 'changed',
        })
      ).status,
    ).toBe(200);
    expect((await admin('mutate', { id: 'pea-1918', remove: true })).status).toBe(200);
    expect((await admin('mutate', { id: 'nope-1', path: 'x', value: 1 })).status).toBe(404);
    let body = JSON.parse((await get('/nobelPrizes')).text);
    expect(body.meta.count).toBe(3);
    expect(body.nobelPrizes[1].laureates[0].motivation.en).toBe('changed');
    await admin('reset', {});
    body = JSON.parse((await get('/nobelPrizes')).text);
    expect(body.meta.count).toBe(4);
    expect(body.nobelPrizes[1].laureates[0].motivation.en).toBe('for <i>work</i> in 1902');
  });
});

describe("the mirror's /_admin", () => {
  const admin = (path: string, body: string) =>
    fetch(`${url.replace('/2.1', '')}/_admin/${path}`, { method: 'POST', body });

  it('refuses paths that reach a prototype (no pollution)', async () => {
    await start(2);
    for (const path of [
      '__proto__.polluted',
      'constructor.prototype.polluted',
      'links.__proto__.x',
    ]) {
      const res = await admin('mutate', JSON.stringify({ id: 'phy-1901', path, value: 'yes' }));
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: string }).error).toMatch(/forbidden segment/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses bodies over its limit, and bodies that are not JSON', async () => {
    await start(2);
    const huge = JSON.stringify({ type: 'latency', path: 'x'.repeat(ADMIN_BODY_LIMIT) });
    expect((await admin('faults', huge)).status).toBe(413);
    expect((await admin('faults', '{')).status).toBe(400);
  });

  it('answers clients on this machine only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal);
    if (external === undefined) {
      process.stderr.write(
        'SKIPPING the remote /_admin check: this machine has no external IPv4 address.\n',
      );
      return;
    }
    mirror = createMirror({ data: { nobelPrizes: samplePrizes(2) } });
    const port = Number(new URL(await mirror.listen(0, '0.0.0.0')).port);
    const res = await fetch(`http://${external.address}:${port}/_admin/stats`);
    expect(res.status).toBe(403);
    expect((await fetch(`http://${external.address}:${port}/2.1/nobelPrizes`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/_admin/stats`)).status).toBe(200);
  });
});

describe('loadSnapshot', () => {
  it('says where the snapshot should be when it is absent', () => {
    expect(() => loadSnapshot('/nonexistent/nobelPrizes.json', 'nobelPrizes')).toThrow(
      SnapshotMissingError,
    );
    expect(() => loadSnapshot('/nonexistent/nobelPrizes.json', 'nobelPrizes')).toThrow(
      /\.\.\/shared\/nobel-api/,
    );
  });
});
