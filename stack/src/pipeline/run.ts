import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { errorMessage, httpUrl, integer, parseEnv, port, type Env } from '@nobel-pipeline/common';
import type { StackConfig } from '../config';
import { createStack } from '../stack';
import { columns, statusTable } from '../cli/table';
import { display } from '../system/files';
import { waitReady } from '../system/wait';
import { formatLine, lineSplitter } from './log-lines';

/**
 * `npm start`: the whole pipeline on this machine. Brings the stack up, migrates the database,
 * starts ingest-api, fetcher and sink (and, offline, the Nobel API mirror) as separate
 * processes from their built main, prefixes their log lines with their names, and on Ctrl-C
 * stops them gracefully. The stack stays up.
 */

export interface PipelineOptions {
  /** Serve the recorded snapshot with the mirror and point the fetcher at it. */
  offline: boolean;
  /** Print the services' JSON log lines as they are. */
  json: boolean;
}

const pipelineEnv = {
  HTTP_PORT: port(3000),
  FETCHER_METRICS_PORT: port(9464),
  SINK_METRICS_PORT: port(9465),
  MIRROR_PORT: port(4000),
  NOBEL_API_URL: httpUrl('https://api.nobelprize.org/2.1'),
  STOP_GRACE_SECONDS: integer(20, 1, 600),
};

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | string>;
}

export async function runPipeline(
  config: StackConfig,
  env: Env,
  options: PipelineOptions,
  print: (line: string) => void,
): Promise<number> {
  const settings = parseEnv(pipelineEnv, env);
  const root = config.paths.root;
  const stack = createStack(config, (component, message) => print(`[${component}] ${message}`));
  const up = await stack.up();
  if (up.errors.length > 0 || !up.statuses.every((s) => s.up)) {
    print(statusTable(up.statuses));
    for (const error of up.errors)
      print(`error: ${error.message}${error.hint === undefined ? '' : `\n  ${error.hint}`}`);
    return 1;
  }

  const width = Math.max(
    ...['ingest-api', 'fetcher', 'sink', 'mirror', 'migrate'].map((n) => n.length),
  );
  const children: Child[] = [];
  const start = (
    name: string,
    main: string,
    args: string[] = [],
    extraEnv: Record<string, string> = {},
  ): Child => {
    const child = spawn(process.execPath, [join(root, main), ...args], {
      cwd: root,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      const lines = lineSplitter((line) =>
        print(options.json ? `[${name}] ${line}` : formatLine(name, line, width)),
      );
      stream.on('data', (chunk: Buffer) => lines.push(chunk));
      stream.on('end', () => lines.end());
    }
    const exited = new Promise<number | string>((resolveExit) =>
      child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown')),
    );
    const entry = { name, process: child, exited };
    children.push(entry);
    return entry;
  };

  const migration = await start('migrate', 'db/dist/migrations/cli.js').exited;
  children.length = 0;
  if (migration !== 0) {
    print(`error: the migrations failed (${migration}); see above.`);
    return 1;
  }

  const nobelApiUrl = options.offline
    ? `http://127.0.0.1:${settings.MIRROR_PORT}/2.1`
    : settings.NOBEL_API_URL;
  if (options.offline) {
    start('mirror', 'nobel-mirror/dist/cli.js', ['--port', String(settings.MIRROR_PORT)]);
    // The fetcher of a started pipeline runs at once: the mirror answers first.
    await waitReady({
      component: 'mirror',
      probe: async () =>
        (await fetch(`http://127.0.0.1:${settings.MIRROR_PORT}/healthz`).catch(() => undefined))
          ?.ok === true,
      timeoutMs: 30_000,
    }).catch((error: unknown) => print(`warning: ${errorMessage(error)}`));
  }
  // ingest-api asks the fetcher for its run in flight (the console shows its progress).
  start('ingest-api', 'ingest-api/dist/main.js', [], {
    FETCHER_URLS: env.FETCHER_URLS ?? `http://127.0.0.1:${settings.FETCHER_METRICS_PORT}`,
  });
  start('fetcher', 'fetcher/dist/main.js', [], { NOBEL_API_URL: nobelApiUrl });
  start('sink', 'sink/dist/main.js');

  const registry = up.statuses.find((s) => s.name === 'registry');
  const mariadb = up.statuses.find((s) => s.name === 'mariadb');
  const rows: string[][] = [
    ['WHAT', 'WHERE'],
    [
      'ingest-api (the HTTP API)',
      `http://localhost:${settings.HTTP_PORT}  (try: curl -X POST localhost:${settings.HTTP_PORT}/start)`,
    ],
    ['web console', `http://localhost:${settings.HTTP_PORT}/ui/`],
    [
      'fetcher status and metrics',
      `http://localhost:${settings.FETCHER_METRICS_PORT}/status, /metrics`,
    ],
    ['sink health and metrics', `http://localhost:${settings.SINK_METRICS_PORT}/readyz, /metrics`],
    [
      'Nobel API',
      options.offline ? `${nobelApiUrl} (the mirror of the recorded snapshot)` : nobelApiUrl,
    ],
    ['Kafka', config.kafka.bootstrap.join(',')],
    ['schema registry', registry?.address ?? '-'],
    ['MariaDB', mariadb?.address ?? '-'],
    ['stack logs', `${display(root, config.paths.logs)}/`],
  ];
  print(`\n${columns(rows)}\n`);
  if (!options.offline) {
    print(
      `The fetcher polls ${nobelApiUrl}. Without internet access its runs fail (it logs why): run \`npm run start:offline\` to use the recorded snapshot.`,
    );
  }
  print('Ctrl-C stops the services; the stack keeps running (npm run stack:down stops it).\n');

  let stopping = false;
  /** Stops every service once; resolves true when each exited 0. */
  const stopAll = async (reason: string): Promise<boolean> => {
    stopping = true;
    print(`\n${reason}: stopping the services (the stack keeps running)...`);
    // A Ctrl-C has already sent SIGINT to every process of the terminal's group; this SIGTERM
    // reaches them however the runner was stopped. Each service shuts down once, whatever
    // number of signals it receives.
    for (const child of children) child.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      print(`the services did not stop within ${settings.STOP_GRACE_SECONDS} s: killing them`);
      for (const child of children) child.process.kill('SIGKILL');
    }, settings.STOP_GRACE_SECONDS * 1000);
    const codes = await Promise.all(children.map(async (c) => [c.name, await c.exited] as const));
    clearTimeout(timer);
    print(`stopped: ${codes.map(([name, code]) => `${name} ${String(code)}`).join(', ')}`);
    return codes.every(([, code]) => code === 0);
  };

  return new Promise<number>((resolveRun) => {
    let stopped: Promise<boolean> | undefined;
    const stopOnce = (reason: string, code: (clean: boolean) => number) => {
      if (stopped !== undefined) return;
      stopped = stopAll(reason);
      void stopped.then((clean) => resolveRun(code(clean)));
    };
    // `on`, not `once`: a second Ctrl-C must not kill the runner (Node's default handler)
    // while its services are still shutting down.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (stopped !== undefined) {
          print(
            `(${signal}: already stopping; the services get ${settings.STOP_GRACE_SECONDS} s before they are killed)`,
          );
          return;
        }
        stopOnce(signal, (clean) => (clean ? 0 : 1));
      });
    }
    for (const child of children) {
      void child.exited.then((code) => {
        if (stopping) return;
        print(`[${child.name}] exited unexpectedly (${String(code)})`);
        stopOnce(`${child.name} exited`, () => 1);
      });
    }
  });
}
