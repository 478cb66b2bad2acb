import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startService } from './service-process';

/** A service that answers /healthz and, unless told otherwise, ignores SIGTERM. */
const SERVICE = `
const port = Number(process.env.PORT);
if (process.env.IGNORE_TERM === '1') process.on('SIGTERM', () => undefined);
process.stdout.write('{"msg":"out');
process.stderr.write('a warning\\n');
process.stdout.write(' line"}\\n');
require('node:http').createServer((req, res) => res.end('ok')).listen(port, '127.0.0.1');
`;

describe('a service started for a test', () => {
  let dir: string;
  let main: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'service-process-'));
    main = join(dir, 'service.js');
    writeFileSync(main, SERVICE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function start(ignoreTerm: boolean) {
    const port = await freePort();
    return startService({
      main,
      env: { PORT: String(port), IGNORE_TERM: ignoreTerm ? '1' : '0' },
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    });
  }

  it('stops on SIGTERM, answering the signal', async () => {
    const service = await start(false);
    expect(await service.stop()).toBe('SIGTERM');
    expect(service.exited()).toBe(true);
  });

  it('is killed when it is still running after the grace, and the answer says so', async () => {
    const service = await start(true);
    expect(await service.stop('SIGTERM', { graceMs: 300 })).toBe(
      'SIGKILL: still running 300 ms after SIGTERM',
    );
    expect(service.exited()).toBe(true);
  });

  it('keeps its standard output apart, whole lines unbroken by standard error', async () => {
    const service = await start(false);
    try {
      expect(service.stdout()).toBe('{"msg":"out line"}\n');
      expect(service.output()).toContain('a warning\n');
    } finally {
      await service.stop();
    }
  });
});
