#!/usr/bin/env node
import { resolve } from 'node:path';
import { ConfigError, loadEnv } from '@nobel-pipeline/common';
import { loadTopicsTarget, type StackConfig, type TopicsTarget } from './config';
import { StackError } from './errors';
import { createStack, type StackResult } from './stack';
import { KAFKA_TOOLS, runKafkaTool } from './tools';
import { runPipeline } from './pipeline/run';
import { TEST_RUN_USAGE, parseTestRunArgs, runTests } from './test-run/run-tests';
import { BENCH_USAGE, parseBenchArgs, runBenches } from './bench-run/run-benches';
import { ensureEnvFile } from './cli/env-file';
import { recordBrokers, stackConfigFor, takeBrokersOption } from './cli/brokers';
import { partitionsTable, statusTable, topicsTable } from './cli/table';
import { strayKafka } from './components/kafka';
import { partitionStates } from './components/partitions';
import { createTopics, topicSpecs } from './components/topics';
import { display } from './system/files';

const USAGE = `Usage: stack <command>

  up [--brokers N]
            start Kafka, the schema registry and MariaDB (what is not running yet),
            create the database, its user and the topics; print where everything is.
            --brokers 3 (or STACK_KAFKA_BROKERS=3) runs a three-broker KRaft cluster on
            ports 9092, 9094, 9096 with topics replicated three times (two in sync);
            the other commands use the number the last up started, until reset
  status    print each component (and, on a cluster, each partition's leader);
            exit 1 if any is down
  down      stop what the stack started (data is kept)
  reset     stop everything and delete the data (downloads stay cached)
  topics    create the pipeline's topics on KAFKA_BROKERS (any Kafka: used by the Docker init)
  pipeline [--offline] [--json]
            up, migrate, then run ingest-api, fetcher and sink (npm start); --offline
            serves the recorded Nobel API snapshot with the mirror (npm run start:offline)
  test [--keep-stack] [--reverse] [--fail-on-leftovers] [lerna options]
            every package's tests (npm test): starts the stack first when it is not
            running (and stops it afterwards), lists what the tests left behind
  bench [--quick] [--only NAME,...] [--out FILE] [--no-readme] [--readme-only]
            every benchmark that needs only the stack (npm run bench), figures to
            bench-results.json and the README
  kafka <tool> [args...]
            run a Kafka console tool against the stack's broker:
            ${Object.keys(KAFKA_TOOLS).join(', ')}
            e.g. npm run -s kafka -- console-consumer --topic nobel.prizes --from-beginning`;

/** On a cluster: where each partition of the pipeline's topics lives now. */
async function printPartitions(config: StackConfig): Promise<void> {
  if (config.kafka.nodes.length === 1) return;
  const states = await partitionStates(
    config.kafka.bootstrap,
    topicSpecs(config.topics).map((spec) => spec.name),
  ).catch(() => undefined);
  if (states === undefined) {
    console.log('\n(partition leaders unknown: the cluster does not answer)');
    return;
  }
  console.log(`\n${partitionsTable(states, (id) => `kafka-${id}`)}`);
}

function printErrors(result: StackResult): void {
  for (const error of result.errors) {
    console.error(`\nerror: ${error.message}`);
    if (error.hint !== undefined) console.error(`  ${error.hint.replace(/\n/g, '\n  ')}`);
    if (error.logTail !== undefined) {
      console.error('  last lines of its log:');
      console.error(error.logTail.replace(/^/gm, '  | '));
    }
  }
}

/** `topics`: on any Kafka (the Docker init's), with only the brokers and topics configured. */
async function createTopicsOn(target: TopicsTarget): Promise<number> {
  const report = (component: string, message: string) => console.log(`[${component}] ${message}`);
  const status = await createTopics(target, report).up();
  console.log(`${statusTable([status])}\n\n${topicsTable(topicSpecs(target.topics))}`);
  return status.up ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  const root = resolve(__dirname, '..', '..');
  const created = ensureEnvFile(root, process.env);
  if (created !== undefined)
    console.log(
      `Created ${display(root, created)} from .env.example (edit it to change ports or passwords).`,
    );
  const { env } = loadEnv({ cwd: root });
  if (command === 'topics') return createTopicsOn(loadTopicsTarget(env));
  const { brokers: option, rest: args } = takeBrokersOption(rest);
  const config = stackConfigFor(env, root, option);
  // Recorded for the commands that start the stack, unless the stack's Kafka of another layout
  // runs (then up refuses, and what runs is what down must find).
  if (
    ['up', 'pipeline', 'test'].includes(command) &&
    strayKafka(config, () => undefined).running().length === 0
  ) {
    recordBrokers(config.paths.run, config.kafka.nodes.length);
  }
  if (config.kafka.nodes.length > 1) {
    // What this command starts (services, tests, tools) finds every broker, not only the first.
    process.env.KAFKA_BROKERS = config.kafka.bootstrap.join(',');
    process.env.STACK_KAFKA_BROKERS = String(config.kafka.nodes.length);
  }
  const report = (component: string, message: string) => console.log(`[${component}] ${message}`);
  const stack = createStack(config, report);

  switch (command) {
    case 'up': {
      const started = Date.now();
      const result = await stack.up();
      console.log(`\n${statusTable(result.statuses)}\n\n${topicsTable(topicSpecs(config.topics))}`);
      await printPartitions(config);
      if (config.kafka.nodes.length > 1) {
        console.log(
          `\nServices started by hand should list every broker: KAFKA_BROKERS=${config.kafka.bootstrap.join(',')}`,
        );
      }
      printErrors(result);
      const ok = result.errors.length === 0 && result.statuses.every((s) => s.up);
      console.log(
        ok
          ? `\nStack is up (${((Date.now() - started) / 1000).toFixed(1)} s). State and logs: ${display(root, config.paths.state)}/`
          : '\nStack is NOT fully up.',
      );
      return ok ? 0 : 1;
    }
    case 'status': {
      const statuses = await stack.status();
      console.log(statusTable(statuses));
      await printPartitions(config);
      return statuses.every((s) => s.up) ? 0 : 1;
    }
    case 'down': {
      const result = await stack.down();
      printErrors(result);
      console.log(`\n${statusTable(result.statuses)}`);
      return result.errors.length === 0 ? 0 : 1;
    }
    case 'reset': {
      const result = await stack.reset();
      printErrors(result);
      if (result.errors.length === 0)
        console.log(
          `Deleted the stack's data under ${display(root, config.paths.data)}/ (downloads kept).`,
        );
      return result.errors.length === 0 ? 0 : 1;
    }
    case 'pipeline': {
      const unknown = args.filter((a) => a !== '--offline' && a !== '--json');
      if (unknown.length > 0) {
        console.error(`Unknown option ${unknown.join(' ')}.\n\n${USAGE}`);
        return 2;
      }
      return runPipeline(
        config,
        env,
        { offline: args.includes('--offline'), json: args.includes('--json') },
        (line) => console.log(line),
      );
    }
    case 'test': {
      if (args.includes('--help')) {
        console.log(TEST_RUN_USAGE);
        return 0;
      }
      return runTests(config, parseTestRunArgs(args, process.env), (line) => console.log(line));
    }
    case 'bench': {
      if (args.includes('--help')) {
        console.log(BENCH_USAGE);
        return 0;
      }
      let options;
      try {
        options = parseBenchArgs(args);
      } catch (error) {
        console.error(
          `${error instanceof Error ? error.message : String(error)}\n\n${BENCH_USAGE}`,
        );
        return 2;
      }
      return runBenches(config, options, (line) => console.log(line));
    }
    case 'kafka': {
      const [tool, ...toolArgs] = args;
      if (tool === undefined) {
        console.error(
          `Usage: stack kafka <tool> [args...]; tools: ${Object.keys(KAFKA_TOOLS).join(', ')}`,
        );
        return 2;
      }
      return (await runKafkaTool(config, report, tool, toolArgs)).code;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StackError) {
      console.error(`error: ${error.message}`);
      if (error instanceof StackError && error.hint !== undefined) console.error(`  ${error.hint}`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  },
);
