import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config';
import { PrerequisiteError } from '../errors';
import { display } from '../system/files';
import { describeTried, findJava, type JavaRuntime } from '../system/java';
import { brokerAnswers } from '../system/kafka-client';
import { assertMaven, cachedDirectory, copyDependencies } from '../system/maven';
import { assertPortsFree, isPortOpen } from '../system/net';
import { createServiceProcess } from '../system/service-process';
import { waitReady } from '../system/wait';
import type { Component, ComponentStatus, Reporter } from './component';
import { spawnSync } from 'node:child_process';

/** Kafka 4 runs on Java 17 or newer. */
export const KAFKA_MIN_JAVA = 17;

export interface KafkaLayout {
  libs: string;
  dataDir: string;
  serverProperties: string;
  pidFile: string;
  logFile: string;
  marker: string;
}

export function kafkaLayout(config: StackConfig): KafkaLayout {
  const { paths } = config;
  return {
    libs: join(paths.cache, `kafka-${config.kafka.version}`),
    dataDir: join(paths.data, 'kafka'),
    serverProperties: join(paths.run, 'kafka', 'server.properties'),
    pidFile: join(paths.run, 'kafka.pid'),
    logFile: join(paths.logs, 'kafka.log'),
    marker: `-Dnobel.stack.kafka=${paths.state}`,
  };
}

export function kafkaJava(config: StackConfig): JavaRuntime {
  const search = findJava(KAFKA_MIN_JAVA, config.javaHome, false);
  if (search.found !== undefined) return search.found;
  throw new PrerequisiteError(
    'kafka',
    `Kafka ${config.kafka.version} needs Java ${KAFKA_MIN_JAVA} or newer; found: ${describeTried(search.tried)}`,
    {
      hint: 'Install a JDK 17+ (Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless) or set STACK_JAVA_HOME (or JAVA_HOME) to one.',
    },
  );
}

/** The jars of Kafka and its tools, downloaded with Maven on first use. */
export async function ensureKafkaJars(config: StackConfig, report: Reporter): Promise<string> {
  const layout = kafkaLayout(config);
  if (existsSync(layout.libs)) return layout.libs;
  assertMaven('kafka');
  report('kafka', `downloading Kafka ${config.kafka.version} jars with Maven (first run only)`);
  await cachedDirectory(layout.libs, (tmp) =>
    copyDependencies({
      component: 'kafka',
      pom: join(config.paths.assets, 'maven', 'kafka.pom.xml'),
      properties: { 'kafka.version': config.kafka.version },
      outputDirectory: tmp,
      logFile: join(config.paths.logs, 'maven.log'),
      progress: (message) => report('kafka', message),
    }),
  );
  return layout.libs;
}

export function kafkaClasspath(libs: string): string {
  return readdirSync(libs)
    .filter((file) => file.endsWith('.jar'))
    .map((file) => join(libs, file))
    .join(process.platform === 'win32' ? ';' : ':');
}

export function serverProperties(config: StackConfig, dataDir: string): string {
  const { host, port } = config.kafka.broker;
  const controller = `${host}:${config.kafka.controllerPort}`;
  return [
    '# Written by the local stack on every start; edit stack/src/components/kafka.ts instead.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${controller}`,
    `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${controller}`,
    `advertised.listeners=PLAINTEXT://${host}:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'default.replication.factor=1',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

/**
 * A random cluster id in Kafka's own format (a base64url UUID without padding). As Kafka's own
 * Uuid.randomUuid does, never one that starts with '-': the storage tool would read it as an
 * option ("argument --cluster-id/-t: expected one argument"), one fresh format in 64.
 */
export function clusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function createKafka(config: StackConfig, report: Reporter): Component {
  const layout = kafkaLayout(config);
  const { broker } = config.kafka;
  const address = `${broker.host}:${broker.port}`;
  const brokers = [address];
  const probe = () => brokerAnswers(brokers);
  const server = createServiceProcess({
    component: 'kafka',
    pidFile: layout.pidFile,
    logFile: layout.logFile,
    marker: layout.marker,
    probe,
    startTimeoutMs: config.startTimeoutMs,
    // A controlled shutdown of a single node takes a few seconds.
    graceMs: 30_000,
    report,
  });
  const assertFree = () =>
    assertPortsFree(
      'kafka',
      broker.host,
      [broker.port, config.kafka.controllerPort],
      'give the stack other ports with KAFKA_BROKERS / STACK_KAFKA_CONTROLLER_PORT',
    );

  const base = (
    up: boolean,
    owner: ComponentStatus['owner'],
    detail?: string,
  ): ComponentStatus => ({
    name: 'kafka',
    up,
    address:
      owner === 'external' ? address : `${address} (controller :${config.kafka.controllerPort})`,
    version: owner === 'external' ? undefined : config.kafka.version,
    owner,
    log: owner === 'stack' ? display(config.paths.root, layout.logFile) : undefined,
    detail,
  });

  async function status(): Promise<ComponentStatus> {
    const pid = broker.local ? server.pid() : undefined;
    const answers = await probe().catch(() => false);
    if (pid !== undefined) {
      return base(answers, 'stack', answers ? undefined : 'running, not answering yet');
    }
    if (!broker.local) return base(answers, 'external', answers ? undefined : 'not reachable');
    if (await isPortOpen(broker.host, broker.port)) {
      return base(
        false,
        undefined,
        `port ${broker.port} is held by a process this stack did not start`,
      );
    }
    return base(false, undefined, 'not running');
  }

  function format(java: JavaRuntime, classpath: string): void {
    if (existsSync(join(layout.dataDir, 'meta.properties'))) return;
    mkdirSync(layout.dataDir, { recursive: true });
    report('kafka', `formatting storage in ${display(config.paths.root, layout.dataDir)}`);
    const result = spawnSync(
      java.java,
      [
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        `--cluster-id=${clusterId()}`,
        '-c',
        layout.serverProperties,
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new PrerequisiteError(
        'kafka',
        `formatting the storage failed:\n${result.stdout}${result.stderr}`,
      );
    }
  }

  async function prepare(): Promise<void> {
    if (!broker.local || server.pid() !== undefined) return;
    await assertFree();
    kafkaJava(config);
    await ensureKafkaJars(config, report);
  }

  async function up(): Promise<ComponentStatus> {
    if (!broker.local) {
      await waitReady({ component: 'kafka', probe, timeoutMs: 10_000 });
      return base(true, 'external');
    }
    if (server.pid() !== undefined) {
      await server.awaitReady();
      return base(true, 'stack');
    }
    await assertFree();
    const java = kafkaJava(config);
    const classpath = kafkaClasspath(await ensureKafkaJars(config, report));
    mkdirSync(join(config.paths.run, 'kafka'), { recursive: true });
    writeFileSync(layout.serverProperties, serverProperties(config, layout.dataDir));
    format(java, classpath);
    report(
      'kafka',
      `starting Kafka ${config.kafka.version} on ${address} (log: ${display(config.paths.root, layout.logFile)})`,
    );
    await server.start(java.java, [
      `-Xms${config.kafka.heap}`,
      `-Xmx${config.kafka.heap}`,
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${join(config.paths.assets, 'conf', 'log4j2-server.properties')}`,
      layout.marker,
      '-cp',
      classpath,
      'kafka.Kafka',
      layout.serverProperties,
    ]);
    return base(true, 'stack');
  }

  async function reset(): Promise<void> {
    await server.stop();
    rmSync(layout.dataDir, { recursive: true, force: true });
  }

  return { name: 'kafka', status, prepare, up, down: server.stop, reset, pid: server.pid };
}
