import type { AddressInfo } from 'node:net';
import { createHealthServer, listen } from './health-server';

describe('the health server', () => {
  it('answers /readyz with the same body as ingest-api: each named check, ok or why not', async () => {
    const server = createHealthServer({
      registry: { contentType: 'text/plain', metrics: async () => '' },
      checks: [
        { name: 'consumer', check: async () => undefined },
        {
          name: 'database',
          check: async () => {
            throw new Error('connect ECONNREFUSED');
          },
        },
      ],
      status: () => ({}),
    });
    await listen(server, 0, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'not_ready',
        checks: { consumer: { ok: true }, database: { ok: false, error: 'connect ECONNREFUSED' } },
      });
    } finally {
      await new Promise((resolveClose) => server.close(resolveClose));
    }
  });
});
