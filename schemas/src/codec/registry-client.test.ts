import { createServer, type Server, type Socket } from 'node:net';
import { createRegistryClient } from './registry-client';

/** A "registry" that accepts connections and reads requests, and never answers one. */
async function silentRegistry(): Promise<{ url: string; close(): void }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

it('fails a request the registry never answers, at its time limit', async () => {
  const registry = await silentRegistry();
  try {
    const client = createRegistryClient({ url: registry.url, timeoutMs: 300 }, { retries: 0 });
    // Without the time limit this never settles, and the test fails on jest's own timeout.
    await expect(client.getSchema(1)).rejects.toThrow(/Timeout \(300ms\)/);
  } finally {
    registry.close();
  }
});
