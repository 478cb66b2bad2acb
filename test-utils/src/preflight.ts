import { createConnection } from 'node:net';
import type { TestConfig } from './config';

const TIMEOUT_MS = 2000;

function reachable(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolveCheck) => {
    const socket = createConnection({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (problem: string | undefined) => {
      socket.removeAllListeners();
      socket.destroy();
      resolveCheck(problem);
    };
    socket.setTimeout(TIMEOUT_MS, () => done(`no answer within ${TIMEOUT_MS} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done(error.code === 'ECONNREFUSED' ? 'connection refused' : (error.code ?? error.message)),
    );
  });
}

function hostPort(address: string, defaultPort: number): { host: string; port: number } {
  const match = /^(.*):(\d+)$/.exec(address);
  return match === null
    ? { host: address, port: defaultPort }
    : { host: match[1] ?? address, port: Number(match[2]) };
}

/**
 * Whether the components the integration tests talk to answer: Kafka, the schema registry and
 * MariaDB. Returns one line per component that does not, naming it and where it was looked for.
 */
export async function unreachableComponents(config: TestConfig): Promise<string[]> {
  const registry = new URL(config.registry.url);
  const checks: [string, { host: string; port: number }][] = [
    ...config.kafka.brokers.map(
      (broker) =>
        [`Kafka at ${broker}`, hostPort(broker, 9092)] as [string, { host: string; port: number }],
    ),
    [
      `the schema registry at ${config.registry.url}`,
      {
        host: registry.hostname,
        port: Number(registry.port || (registry.protocol === 'https:' ? 443 : 80)),
      },
    ],
    [
      `MariaDB at ${config.db.host}:${config.db.port}`,
      { host: config.db.host, port: config.db.port },
    ],
  ];
  const results = await Promise.all(
    checks.map(async ([what, { host, port }]) => {
      const problem = await reachable(host, port);
      return problem === undefined ? undefined : `${what}: ${problem}`;
    }),
  );
  return results.filter((r): r is string => r !== undefined);
}

/** The message a test run prints, once, when the stack is not there. */
export function stackMissingMessage(problems: readonly string[]): string {
  return [
    'The integration tests need the local stack, and it does not answer:',
    ...problems.map((p) => `  ${p}`),
    'Start it with `npm run stack:up`, or run `npm test` at the top of the repository: it starts',
    'the stack when it is not running, and stops it again afterwards.',
  ].join('\n');
}
