import { errorMessage } from '@nobel-pipeline/common';
import { rmSync } from 'node:fs';
import type { StackConfig } from './config';
import { StackError } from './errors';
import type { Component, ComponentStatus, Reporter } from './components/component';
import { createKafka, strayKafka } from './components/kafka';
import { createMariadb } from './components/mariadb';
import { createRegistry } from './components/registry';
import { createTopics } from './components/topics';

export interface StackResult {
  statuses: ComponentStatus[];
  errors: StackError[];
}

export interface Stack {
  readonly components: readonly Component[];
  /** Starts what is not running, creates the database, its user and the topics. */
  up(): Promise<StackResult>;
  /** Stops what the stack started; data stays. */
  down(): Promise<StackResult>;
  status(): Promise<ComponentStatus[]>;
  /** down(), then deletes the data (downloads stay cached). */
  reset(): Promise<StackResult>;
  component(name: string): Component;
}

function asStackError(component: string, error: unknown): StackError {
  if (error instanceof StackError) return error;
  const message = errorMessage(error);
  return new StackError(component, message, { cause: error });
}

export function createStack(config: StackConfig, report: Reporter): Stack {
  const kafka = createKafka(config, report);
  const registry = createRegistry(config, report);
  const mariadb = createMariadb(config, report);
  const topics = createTopics(
    {
      brokers: config.kafka.bootstrap,
      topics: config.topics,
      clusterSize: config.kafka.nodes.length,
    },
    report,
  );
  // Each Kafka node is listed (and started) on its own; `component('kafka')` is all of them.
  const servers = [...kafka.nodes, registry, mariadb];
  const components = [...servers, topics];
  const isKafka = (name: string) => name === 'kafka' || name.startsWith('kafka-');

  async function settle(
    list: Component[],
    act: (c: Component) => Promise<unknown>,
  ): Promise<StackError[]> {
    const results = await Promise.allSettled(list.map(act));
    return results.flatMap((result, i) =>
      result.status === 'rejected' ? [asStackError(list[i]?.name ?? '?', result.reason)] : [],
    );
  }

  async function up(): Promise<StackResult> {
    const errors: StackError[] = [];
    const prepared: Component[] = [];
    const strays = strayKafka(config, report).running();
    if (strays.length > 0) {
      const shape =
        config.kafka.nodes.length === 1 ? 'one broker' : `${config.kafka.nodes.length} brokers`;
      errors.push(
        new StackError(
          'kafka',
          `the stack's ${strays.join(', ')} ${strays.length === 1 ? 'runs' : 'run'}, from an earlier start with another number of brokers; this start asks for ${shape}`,
          { hint: 'Stop it first: npm run stack:down (the data of each layout is kept).' },
        ),
      );
      return { statuses: await status(), errors };
    }
    for (const server of servers) {
      try {
        await server.prepare();
        prepared.push(server);
      } catch (error) {
        errors.push(asStackError(server.name, error));
      }
    }
    errors.push(...(await settle(prepared, (c) => c.up())));
    if (!errors.some((e) => isKafka(e.component))) {
      errors.push(...(await settle([topics], (c) => c.up())));
    }
    return { statuses: await status(), errors };
  }

  async function down(): Promise<StackResult> {
    // Also the Kafka of another layout (the single broker while the cluster is configured, or
    // the reverse): down leaves nothing of the stack running.
    const errors = await settle([...servers, strayKafka(config, report).component], (c) =>
      c.down(),
    );
    return { statuses: await status(), errors };
  }

  function status(): Promise<ComponentStatus[]> {
    return Promise.all(components.map((c) => c.status()));
  }

  async function reset(): Promise<StackResult> {
    // MariaDB first: an external server is emptied while Kafka and the registry still run,
    // which changes nothing for them; a private one is stopped and deleted.
    const errors = await settle([mariadb], (c) => c.reset());
    if (errors.length === 0) {
      errors.push(
        ...(await settle([kafka.all, strayKafka(config, report).component, registry], (c) =>
          c.reset(),
        )),
      );
    }
    if (errors.length === 0) {
      rmSync(config.paths.data, { recursive: true, force: true });
      rmSync(config.paths.run, { recursive: true, force: true });
    }
    return { statuses: await status(), errors };
  }

  function component(name: string): Component {
    if (name === 'kafka') return kafka.all;
    const found = components.find((c) => c.name === name);
    if (found === undefined) throw new StackError('stack', `no component named ${name}`);
    return found;
  }

  return { components, up, down, status, reset, component };
}
