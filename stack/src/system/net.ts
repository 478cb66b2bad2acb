import { PortInUseError } from '../errors';
import { createConnection } from 'node:net';

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = createConnection({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (open: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolveOpen(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Fails when one of the ports is taken: called only when the stack is about to start a server
 * there, so whatever holds it was not started by this stack.
 */
export async function assertPortsFree(
  component: string,
  host: string,
  ports: readonly number[],
  howToMove: string,
): Promise<void> {
  for (const port of ports) {
    if (await isPortOpen(host, port)) {
      throw new PortInUseError(
        component,
        `port ${port} on ${host} is in use by a process this stack did not start`,
        {
          hint: `Stop it (find it with: ss -ltnp 'sport = :${port}' or lsof -i :${port}), or ${howToMove}.`,
        },
      );
    }
  }
}
