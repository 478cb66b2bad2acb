import { resolve } from 'node:path';
import { loadEnv, type Env } from '@nobel-pipeline/common';
import { stackConfigFor, type StackConfig } from '@nobel-pipeline/stack';
import { loadTestConfig, type TestConfig } from '@nobel-pipeline/test-utils';

/** The repository's root (this file is built to faults/dist/). */
export const ROOT = resolve(__dirname, '..', '..');

/** Everything the suite reads of the environment, parsed once (main.ts calls this). */
export interface FaultsConfig {
  /** The stack the scenarios break and repair (the same variables the stack CLI reads). */
  stack: StackConfig;
  /** How clients reach it: Kafka, the registry, the database as the migration account. */
  test: TestConfig;
  /**
   * FAULTS_SERVICE_LOGS: a directory where each scenario's services leave their output
   * (`<scenario>.<time>.<service>.log`; of a service the scenario restarted, its last
   * process's), passed or failed; unset, only a failed scenario's last lines are printed.
   */
  serviceLogsDir?: string;
}

/**
 * The same variables, defaults and `.env` file as the stack CLI and the services: with
 * STACK_DIR, KAFKA_BROKERS, … exported, the suite uses that stack and the services it starts
 * inherit them.
 */
export function loadFaultsConfig(env: Env = loadEnv({ cwd: ROOT }).env): FaultsConfig {
  // The stack as its last `stack:up` started it: one broker, or a cluster (--brokers 3), whose
  // every broker the suite's clients and the services it starts are given, so that none of them
  // depends on the one broker a scenario kills.
  const stack = stackConfigFor(env, ROOT);
  const brokers = stack.kafka.bootstrap.join(',');
  const logs = env.FAULTS_SERVICE_LOGS?.trim();
  return {
    stack,
    test: loadTestConfig({ ...env, KAFKA_BROKERS: brokers }),
    ...(logs ? { serviceLogsDir: resolve(logs) } : {}),
  };
}
