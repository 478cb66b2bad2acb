import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { assertDocumented } from '../testing/openapi';
import { createTestApp } from '../testing/fakes';
import { CONSOLE_CSP } from './routes';
import { loadStaticFiles } from './static-files';

let base: string;
let dir: string;
beforeAll(() => {
  // The console's folder inside a folder of this test's own, which also holds a file the
  // server must never read.
  base = mkdtempSync(join(tmpdir(), 'console-'));
  dir = join(base, 'dist');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'notes.txt'), 'not a type the console serves');
  mkdirSync(join(dir, 'sub.js'));
  writeFileSync(join(dir, '..', 'secret.js'), 'outside the folder');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const app = (files = loadStaticFiles(dir)) => createTestApp({ consoleFiles: files }).app.callback();

describe('the console at /ui/', () => {
  it('serves the page with a policy that allows only its own scripts and this service', async () => {
    const res = await request(app()).get('/ui/');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('<title>console</title>');
    expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('redirects /ui to /ui/, so that the page loads its files relative to the folder', async () => {
    const res = await request(app()).get('/ui');
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('/ui/');
  });

  it('serves its files with their type, and answers 304 to a browser that has them', async () => {
    const first = await request(app()).get('/ui/app.js');
    expect(first.status).toBe(200);
    expect(first.type).toBe('text/javascript');
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request(app()).get('/ui/app.js').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    const plain = await request(app()).get('/ui/app.js').set('Accept-Encoding', 'identity');
    expect(plain.headers.etag).not.toBe(etag);
  });

  it('sends them gzipped to a browser that accepts it, and as they are to one that does not', async () => {
    const zipped = await request(app()).get('/ui/app.js').set('Accept-Encoding', 'gzip, br');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.text).toBe('console.log(1)');
    const plain = await request(app()).get('/ui/app.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe('console.log(1)');
  });

  it.each([
    '/ui/missing.js',
    '/ui/notes.txt',
    '/ui/sub.js',
    '/ui/..%2Fsecret.js',
    '/ui/%2e%2e%2fsecret.js',
    '/ui/..%5csecret.js',
  ])('answers 404 to %s, reading nothing outside its files', async (path) => {
    const res = await request(app()).get(path);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
    assertDocumented('GET', '/ui/{file}', 404, res.body);
  });

  it('says how to build it when it is not built', async () => {
    const res = await request(app(new Map())).get('/ui/');
    expect(res.status).toBe(404);
    assertDocumented('GET', '/ui/', 404, res.body);
    expect(res.body).toMatchObject({ error: 'console_not_built' });
    expect(res.body.message).toContain('npm run build');
  });
});

describe("the console's commands", () => {
  it("are accepted from the console's own origin, and refused from another", async () => {
    const t = createTestApp({ consoleFiles: loadStaticFiles(dir) });
    const own = await request(t.app.callback())
      .post('/stop')
      .set('Origin', 'http://localhost:3000')
      .send({});
    expect(own.status).toBe(202);
    const other = await request(t.app.callback())
      .post('/stop')
      .set('Origin', 'http://evil.example:3000')
      .send({});
    expect(other.status).toBe(403);
  });
});
