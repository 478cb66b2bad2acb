import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '@nobel-pipeline/common';
import { isBrokerCount, loadStackConfig, type StackConfig } from '../config';
import { StackError } from '../errors';

/** `--brokers N`, taken out of a command's arguments (the rest is returned as it was). */
export function takeBrokersOption(args: readonly string[]): {
  brokers: number | undefined;
  rest: string[];
} {
  const rest: string[] = [];
  let brokers: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const inline = /^--brokers=(.*)$/.exec(arg);
    if (arg !== '--brokers' && inline === null) {
      rest.push(arg);
      continue;
    }
    const value = inline !== null ? inline[1] : args[++i];
    if (brokers !== undefined) throw new StackError('stack', '--brokers is given twice');
    if (value === undefined || !/^\d+$/.test(value)) {
      throw new StackError(
        'stack',
        `--brokers expects a number of brokers; got ${value ?? 'nothing'}`,
      );
    }
    const count = Number(value);
    if (!isBrokerCount(count)) {
      throw new StackError(
        'stack',
        `--brokers ${count}: the stack runs one broker (1) or a cluster of three (3)`,
      );
    }
    brokers = count;
  }
  return { brokers, rest };
}

/**
 * The number of brokers the stack was last started with: kept under run/ until `reset`, so that
 * `down`, `status`, `test` and the tools find the cluster `up --brokers 3` started.
 */
const recordFile = (runDir: string) => join(runDir, 'kafka-brokers');

export function recordedBrokers(runDir: string): number | undefined {
  const file = recordFile(runDir);
  if (!existsSync(file)) return undefined;
  const count = Number(readFileSync(file, 'utf8').trim());
  return isBrokerCount(count) ? count : undefined;
}

export function recordBrokers(runDir: string, count: number): void {
  mkdirSync(runDir, { recursive: true });
  writeFileSync(recordFile(runDir), `${count}\n`);
}

/**
 * How many brokers a command works with: `--brokers`, else STACK_KAFKA_BROKERS, else what the
 * last `up` started, else what KAFKA_BROKERS lists (undefined: the configuration decides).
 */
export function chooseBrokers(
  option: number | undefined,
  env: Readonly<Record<string, string | undefined>>,
  recorded: number | undefined,
): number | undefined {
  if (option !== undefined) return option;
  if ((env.STACK_KAFKA_BROKERS ?? '') !== '') return undefined;
  return recorded;
}

/**
 * The stack's configuration with the number of brokers chooseBrokers picks: what every command
 * of the stack, and every tool that breaks or inspects the running stack (the faults suite),
 * works with.
 */
export function stackConfigFor(env: Env, root: string, option?: number): StackConfig {
  const config = loadStackConfig(env, root);
  const brokers = chooseBrokers(option, env, recordedBrokers(config.paths.run));
  if (brokers === undefined || brokers === config.kafka.nodes.length) return config;
  return loadStackConfig({ ...env, STACK_KAFKA_BROKERS: String(brokers) }, root);
}
