import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { StackConfig } from '../config';
import type { Reporter } from '../components/component';
import { ensureKafkaJars, kafkaClasspath, kafkaJava } from '../components/kafka';
import { PrerequisiteError } from '../errors';
import { assertMaven, cachedDirectory, copyDependencies } from '../system/maven';
import { tail } from '../system/files';

/**
 * Kafka Connect in standalone mode, from the stack's own Kafka jars (the Connect runtime is
 * among them), with the Debezium JDBC sink connector as its one plugin: what
 * `npm run bench:debezium` measures the sink against. Not part of the pipeline.
 */

export const DEBEZIUM_JDBC_VERSION = '3.3.1.Final';

const connectorStatus = z.object({
  connector: z.object({ state: z.string(), trace: z.string().optional() }),
  tasks: z.array(z.object({ id: z.number(), state: z.string(), trace: z.string().optional() })),
});

/** The connector's plugin directory (its jars and the JDBC drivers), downloaded once with Maven. */
export async function ensureDebeziumJdbc(config: StackConfig, report: Reporter): Promise<string> {
  const plugins = join(config.paths.cache, `debezium-jdbc-${DEBEZIUM_JDBC_VERSION}`);
  // Connect's plugin.path holds directories of plugins: the jars go one level down.
  const jars = join(plugins, 'debezium-connector-jdbc');
  if (existsSync(jars)) return plugins;
  assertMaven('debezium');
  report(
    'debezium',
    `downloading the Debezium JDBC sink ${DEBEZIUM_JDBC_VERSION} with Maven (first run only)`,
  );
  await cachedDirectory(plugins, (tmp) =>
    copyDependencies({
      component: 'debezium',
      pom: join(config.paths.assets, 'maven', 'debezium-jdbc.pom.xml'),
      properties: { 'debezium.version': DEBEZIUM_JDBC_VERSION },
      outputDirectory: join(tmp, 'debezium-connector-jdbc'),
      logFile: join(config.paths.logs, 'maven.log'),
      progress: (message) => report('debezium', message),
    }),
  );
  return plugins;
}

/**
 * `key=value` lines; values must be single-line (a properties file reads one per line).
 * Backslashes are escaped (a properties file reads them as escapes: a Windows path, a regex),
 * and so is every character outside ASCII (Java reads the file as ISO-8859-1).
 */
export function propertiesText(properties: Readonly<Record<string, string | number>>): string {
  return Object.entries(properties)
    .map(([key, value]) => {
      const text = String(value);
      if (/[\r\n]/.test(text)) throw new Error(`property ${key}: a value must be one line`);
      const escaped = text
        .replace(/\\/g, '\\\\')
        .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return `${key}=${escaped}`;
    })
    .join('\n')
    .concat('\n');
}

/** What the worker's REST API says of a connector: its state and each task's. */
export type ConnectorStatus = z.infer<typeof connectorStatus>;

/** The first FAILED part of a connector's status, with its trace; undefined when none failed. */
export function failureOf(status: ConnectorStatus): string | undefined {
  if (status.connector.state === 'FAILED')
    return `the connector failed: ${status.connector.trace ?? '(no trace)'}`;
  const task = status.tasks.find((t) => t.state === 'FAILED');
  return task === undefined ? undefined : `task ${task.id} failed: ${task.trace ?? '(no trace)'}`;
}

export interface ConnectWorkerOptions {
  /** A directory of the worker's own: its properties, its offsets file. */
  workDir: string;
  /** The worker's log. */
  logFile: string;
  /** The connector's properties (name, connector.class, topics...). */
  connector: Readonly<Record<string, string | number>>;
  /** The port of the worker's REST API (on 127.0.0.1), which the status is read from. */
  restPort: number;
  /** Extra worker properties (consumer.*, offset.flush.interval.ms...). */
  worker?: Readonly<Record<string, string | number>>;
  heap?: string;
}

export interface ConnectWorker {
  /** Resolves when the process has exited (after stop, or by itself). */
  exited: Promise<number | null>;
  /**
   * Why the connector or one of its tasks failed, per the worker's REST API; undefined while
   * none has (a standalone worker keeps running after a task failed).
   */
  failure(): Promise<string | undefined>;
  /** The last lines of its log: what to show when it failed. */
  logTail(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a standalone Connect worker running one connector, with the Debezium JDBC plugin. */
export async function startConnectWorker(
  config: StackConfig,
  options: ConnectWorkerOptions,
  report: Reporter,
): Promise<ConnectWorker> {
  const java = kafkaJava(config);
  const classpath = kafkaClasspath(await ensureKafkaJars(config, report));
  const plugins = await ensureDebeziumJdbc(config, report);
  mkdirSync(options.workDir, { recursive: true });
  mkdirSync(dirname(options.logFile), { recursive: true });
  const { restPort } = options;
  const workerFile = join(options.workDir, 'worker.properties');
  const connectorFile = join(options.workDir, 'connector.properties');
  writeFileSync(
    workerFile,
    propertiesText({
      'bootstrap.servers': config.kafka.bootstrap.join(','),
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'key.converter.schemas.enable': 'true',
      'value.converter.schemas.enable': 'true',
      'offset.storage.file.filename': join(options.workDir, 'connect.offsets'),
      'plugin.path': plugins,
      listeners: `http://127.0.0.1:${restPort}`,
      ...options.worker,
    }),
    { mode: 0o600 },
  );
  // It holds the database password: readable by this user only.
  writeFileSync(connectorFile, propertiesText(options.connector), { mode: 0o600 });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(
    java.java,
    [
      `-Xmx${options.heap ?? '1g'}`,
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${join(config.paths.assets, 'conf', 'log4j2-server.properties')}`,
      '-cp',
      classpath,
      'org.apache.kafka.connect.cli.ConnectStandalone',
      workerFile,
      connectorFile,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolveExit, rejectExit) => {
    child.once('error', (error) =>
      rejectExit(new PrerequisiteError('debezium', `could not start Java: ${error.message}`)),
    );
    child.once('exit', (code) => log.end(() => resolveExit(code)));
  });
  const name = String(options.connector.name);
  return {
    exited,
    failure: async () => {
      const response = await fetch(
        `http://127.0.0.1:${restPort}/connectors/${encodeURIComponent(name)}/status`,
      ).catch(() => undefined);
      // Not up yet, or the connector not created yet: nothing has failed.
      if (response?.ok !== true) return undefined;
      return failureOf(connectorStatus.parse(await response.json()));
    },
    logTail: () => tail(options.logFile, 30),
    stop: async (graceMs = 20_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited.catch(() => undefined);
      clearTimeout(timer);
    },
  };
}
