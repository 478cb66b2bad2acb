import { createServer, get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import Koa from 'koa';
import request from 'supertest';
import { createTestApp } from '../testing/fakes';
import { COMPRESS_MIN_BYTES, compressJson } from './compress';
import type { AppState } from './state';

/** A bare app answering `body` through the middleware, to see the bytes on the wire. */
function appAnswering(body: unknown) {
  const app = new Koa<AppState>();
  app.use(compressJson());
  app.use((ctx) => {
    ctx.body = body;
  });
  return app.callback();
}

/** The raw bytes and headers of an answer, as they cross the wire (Node's http decodes nothing). */
async function rawGet(
  callback: ReturnType<typeof appAnswering>,
  headers: Record<string, string>,
  path = '/',
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  const server = createServer(callback);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo; // listening on TCP: an AddressInfo
  try {
    return await new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  } finally {
    await new Promise((closed) => server.close(closed));
  }
}

const large = {
  items: Array.from({ length: 200 }, (_, i) => ({ id: `p-${i}`, text: 'x'.repeat(20) })),
};

describe('JSON answers', () => {
  it('are gzipped for a client that accepts it, and decode to the same JSON', async () => {
    const res = await rawGet(appAnswering(large), { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(res.body.length).toBeLessThan(JSON.stringify(large).length / 4);
    expect(JSON.parse(gunzipSync(res.body).toString('utf8'))).toEqual(large);
  });

  it('go as they are to a client that does not, and when small', async () => {
    const plain = await request(appAnswering(large)).get('/').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(large);
    const small = { status: 'ok' };
    expect(JSON.stringify(small).length).toBeLessThan(COMPRESS_MIN_BYTES);
    const tiny = await request(appAnswering(small)).get('/').set('Accept-Encoding', 'gzip');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toEqual(small);
  });

  it('leave bodies that are not JSON alone (text, buffers)', async () => {
    const text = 'x'.repeat(5000);
    const res = await request(appAnswering(text)).get('/').set('Accept-Encoding', 'gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe(text);
  });

  it('are gzipped by the service itself, after its error handling (an error body too)', async () => {
    const service = createTestApp().app.callback();
    const document = await rawGet(service, { 'Accept-Encoding': 'gzip' }, '/openapi.json');
    expect(document.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(document.body).toString('utf8'))).toMatchObject({
      openapi: '3.1.0',
    });
    const refused = await request(service)
      .get(`/prizes?laureate=${'a'.repeat(2000)}`)
      .set('Accept-Encoding', 'gzip');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_query');
  });
});
