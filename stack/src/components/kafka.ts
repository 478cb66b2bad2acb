import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { replicationFor } from '@nobel-pipeline/common';
import type { KafkaNode, StackConfig } from '../config';
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

/** The component's name: `kafka` for the single broker, `kafka-<id>` for a cluster's nodes. */
export function kafkaNodeName(config: StackConfig, node: KafkaNode): string {
  return config.kafka.nodes.length === 1 ? 'kafka' : `kafka-${node.id}`;
}

/**
 * Where a node keeps its files. The single broker keeps the names it always had; a cluster's
 * nodes have their own (a cluster's data never mixes with the single broker's).
 */
export function kafkaLayout(config: StackConfig, node: KafkaNode): KafkaLayout {
  const { paths } = config;
  const name = kafkaNodeName(config, node);
  return {
    libs: join(paths.cache, `kafka-${config.kafka.version}`),
    dataDir: join(paths.data, name),
    serverProperties: join(paths.run, name, 'server.properties'),
    pidFile: join(paths.run, `${name}.pid`),
    logFile: join(paths.logs, `${name}.log`),
    marker: `-Dnobel.stack.${name}=${paths.state}`,
  };
}

/** The file that holds a cluster's id, so that every node is formatted into the same cluster. */
export function clusterIdFile(config: StackConfig): string {
  return join(config.paths.data, 'kafka-cluster.id');
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
  const libs = join(config.paths.cache, `kafka-${config.kafka.version}`);
  if (existsSync(libs)) return libs;
  assertMaven('kafka');
  report('kafka', `downloading Kafka ${config.kafka.version} jars with Maven (first run only)`);
  await cachedDirectory(libs, (tmp) =>
    copyDependencies({
      component: 'kafka',
      pom: join(config.paths.assets, 'maven', 'kafka.pom.xml'),
      properties: { 'kafka.version': config.kafka.version },
      outputDirectory: tmp,
      logFile: join(config.paths.logs, 'maven.log'),
      progress: (message) => report('kafka', message),
    }),
  );
  return libs;
}

export function kafkaClasspath(libs: string): string {
  return readdirSync(libs)
    .filter((file) => file.endsWith('.jar'))
    .map((file) => join(libs, file))
    .join(process.platform === 'win32' ? ';' : ':');
}

export function serverProperties(config: StackConfig, node: KafkaNode, dataDir: string): string {
  const { nodes } = config.kafka;
  const { host, port } = node.broker;
  const controller = (n: KafkaNode) => `${n.broker.host}:${n.controllerPort}`;
  // Kafka's internal topics (offsets, transactions) follow the same rule as the pipeline's.
  const { replicationFactor: rf, minInsyncReplicas: isr } = replicationFor(nodes.length);
  return [
    '# Written by the local stack on every start; edit stack/src/components/kafka.ts instead.',
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${nodes.map((n) => `${n.id}@${controller(n)}`).join(',')}`,
    `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${controller(node)}`,
    `advertised.listeners=PLAINTEXT://${host}:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    `default.replication.factor=${rf}`,
    `min.insync.replicas=${isr}`,
    `offsets.topic.replication.factor=${rf}`,
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${isr}`,
    `share.coordinator.state.topic.replication.factor=${rf}`,
    `share.coordinator.state.topic.min.isr=${isr}`,
    // A replica that fell behind never becomes leader: no acknowledged record is given up.
    'unclean.leader.election.enable=false',
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

/**
 * The cluster's id: made once, kept beside the nodes' data, so that a node formatted later (its
 * data deleted) joins the same cluster.
 */
function sharedClusterId(config: StackConfig): string {
  const file = clusterIdFile(config);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const id = clusterId();
  mkdirSync(config.paths.data, { recursive: true });
  writeFileSync(file, `${id}\n`);
  return id;
}

/** One Kafka node the stack runs (the single broker, or one node of a cluster). */
export function createKafkaNode(config: StackConfig, node: KafkaNode, report: Reporter): Component {
  const name = kafkaNodeName(config, node);
  const layout = kafkaLayout(config, node);
  const { broker } = node;
  const address = `${broker.host}:${broker.port}`;
  const brokers = [address];
  const probe = () => brokerAnswers(brokers);
  const server = createServiceProcess({
    component: name,
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
      name,
      broker.host,
      [broker.port, node.controllerPort],
      'give the stack other ports with KAFKA_BROKERS / STACK_KAFKA_CONTROLLER_PORT',
    );

  const base = (
    up: boolean,
    owner: ComponentStatus['owner'],
    detail?: string,
  ): ComponentStatus => ({
    name,
    up,
    address: owner === 'external' ? address : `${address} (controller :${node.controllerPort})`,
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
    report(name, `formatting storage in ${display(config.paths.root, layout.dataDir)}`);
    const result = spawnSync(
      java.java,
      [
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        `--cluster-id=${config.kafka.nodes.length === 1 ? clusterId() : sharedClusterId(config)}`,
        '-c',
        layout.serverProperties,
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new PrerequisiteError(
        name,
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
      await waitReady({ component: name, probe, timeoutMs: 10_000 });
      return base(true, 'external');
    }
    if (server.pid() !== undefined) {
      await server.awaitReady();
      return base(true, 'stack');
    }
    await assertFree();
    const java = kafkaJava(config);
    const classpath = kafkaClasspath(await ensureKafkaJars(config, report));
    mkdirSync(dirname(layout.serverProperties), { recursive: true });
    writeFileSync(layout.serverProperties, serverProperties(config, node, layout.dataDir));
    format(java, classpath);
    report(
      name,
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

  return { name, status, prepare, up, down: server.stop, reset, pid: server.pid };
}

export interface StackKafka {
  /** One component per node, each with its own status: what `stack:status` lists. */
  nodes: Component[];
  /**
   * The whole of it as one component named `kafka`: the single broker itself, or every node of
   * the cluster, started together (a KRaft quorum forms only once a majority runs) and stopped
   * together.
   */
  all: Component;
}

export function createKafka(config: StackConfig, report: Reporter): StackKafka {
  const nodes = config.kafka.nodes.map((node) => createKafkaNode(config, node, report));
  const [single] = nodes;
  if (nodes.length === 1 && single !== undefined) return { nodes, all: single };
  const each = <T>(act: (node: Component) => Promise<T>) => Promise.all(nodes.map(act));
  const address = config.kafka.bootstrap.join(',');

  async function status(): Promise<ComponentStatus> {
    const statuses = await each((node) => node.status());
    const down = statuses.filter((s) => !s.up);
    const owners = new Set(statuses.map((s) => s.owner));
    return {
      name: 'kafka',
      up: down.length === 0,
      address,
      version: config.kafka.version,
      owner: owners.size === 1 ? statuses[0]?.owner : undefined,
      log: undefined,
      detail:
        down.length === 0
          ? `${nodes.length} brokers`
          : `down: ${down.map((s) => `${s.name} (${s.detail ?? 'down'})`).join(', ')}`,
    };
  }

  async function prepare(): Promise<void> {
    // One after the other: the first downloads the jars, the others find them.
    for (const node of nodes) await node.prepare();
  }

  async function up(): Promise<ComponentStatus> {
    await each((node) => node.up());
    return status();
  }

  const all: Component = {
    name: 'kafka',
    status,
    prepare,
    up,
    down: async () => {
      await each((node) => node.down());
    },
    reset: async () => {
      await each((node) => node.reset());
    },
    pid: () => undefined,
  };
  return { nodes, all };
}

export interface StrayKafka {
  /** The names of the stack's Kafka processes of another layout that still run. */
  running(): string[];
  /** Stops them, for down and reset (reset then deletes every layout's data with the rest). */
  component: Component;
}

/**
 * The stack's Kafka processes that the current configuration does not describe: the single
 * broker while a cluster is configured, or a cluster's nodes while one broker is (or nodes
 * beyond the configured number). Found by their pid files under run/, recognised by marker.
 */
export function strayKafka(config: StackConfig, report: Reporter): StrayKafka {
  const current = new Set(config.kafka.nodes.map((node) => kafkaNodeName(config, node)));
  const processes = () => {
    const files = existsSync(config.paths.run) ? readdirSync(config.paths.run) : [];
    return files.flatMap((file) => {
      const name = /^(kafka(?:-\d+)?)\.pid$/.exec(file)?.[1];
      if (name === undefined || current.has(name)) return [];
      return [
        {
          name,
          process: createServiceProcess({
            component: name,
            pidFile: join(config.paths.run, file),
            logFile: join(config.paths.logs, `${name}.log`),
            marker: `-Dnobel.stack.${name}=${config.paths.state}`,
            probe: async () => false,
            startTimeoutMs: config.startTimeoutMs,
            graceMs: 30_000,
            report,
          }),
        },
      ];
    });
  };
  // Together, as the cluster's own down does: the last node of a quorum stopped alone waits
  // for a controller that is gone, until it is killed.
  const stop = async () => {
    await Promise.all(processes().map((stray) => stray.process.stop()));
  };
  return {
    running: () => processes().flatMap((s) => (s.process.pid() === undefined ? [] : [s.name])),
    component: {
      name: 'kafka',
      status: () => Promise.reject(new Error('a stray Kafka has no status')),
      prepare: async () => undefined,
      up: () => Promise.reject(new Error('a stray Kafka is never started')),
      down: stop,
      reset: stop,
      pid: () => undefined,
    },
  };
}
