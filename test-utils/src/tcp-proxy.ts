import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server, which a test can cut and restore: while cut, new
 * connections are refused and open ones are reset — to the client, exactly what a server that
 * went down looks like. Used to take the database away from a service without stopping a
 * server other tests share.
 */
export interface TcpProxy {
  port: number;
  /** Refuses and resets every connection until `restore()`. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(
  target: { host: string; port: number },
  port = 0,
): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listeningPort = port;

  function listen(): Promise<void> {
    server = createServer((client) => {
      const upstream = createConnection({ host: target.host, port: target.port });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    return new Promise((resolveListen, rejectListen) => {
      server?.once('error', rejectListen);
      server?.listen(listeningPort, '127.0.0.1', () => {
        const address = server?.address();
        if (typeof address === 'object' && address !== null) listeningPort = address.port;
        resolveListen();
      });
    });
  }

  async function cut(): Promise<void> {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
    if (closing !== undefined)
      await new Promise<void>((resolveClose) => closing.close(() => resolveClose()));
  }

  await listen();
  return {
    get port() {
      return listeningPort;
    },
    cut,
    restore: async () => {
      if (server === undefined) await listen();
    },
    close: cut,
  };
}
