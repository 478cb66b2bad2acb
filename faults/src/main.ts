import { resolve } from 'node:path';
import { errorMessage } from '@nobel-pipeline/common';
import { createStack } from '@nobel-pipeline/stack';
import { createTestKafka } from '@nobel-pipeline/test-utils';
import { parseCliArgs, USAGE, UsageError } from './cli/args';
import { loadFaultsConfig, ROOT } from './config';
import { writeJsonReport } from './report/json';
import { suitePassed } from './report/result';
import { formatTable } from './report/table';
import { runScenarios } from './runner/runner';
import { canMountTmpfs } from './pipeline/tmpfs';
import { restoreServers, stackFacts } from './runner/stack-facts';
import { SCENARIOS } from './scenarios';
import { selectScenarios } from './scenarios/select';

/**
 * npm run test:faults [-- --short] [--only a,b] [--list] [--out FILE]: the fault scenarios
 * against the stack the environment names, a table at the end (also on failure), the same
 * as JSON; exit 1 when a scenario failed.
 */

/** A line of progress, with the time of day (UTC): a CI log then shows where time went. */
const log = (line: string) =>
  process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function listing(): string {
  const width = Math.max(...SCENARIOS.map((s) => s.name.length));
  return `${SCENARIOS.map(
    (s) =>
      `${s.name.padEnd(width)}  ${s.description}\n${' '.repeat(width + 2)}needs: ${JSON.stringify(s.needs)}${s.inShortRun ? '; in the short run' : ''}`,
  ).join('\n')}\n`;
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseCliArgs(
      process.argv.slice(2),
      SCENARIOS.map((s) => s.name),
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.list) {
    process.stdout.write(listing());
    return 0;
  }
  const scenarios = selectScenarios(SCENARIOS, options);
  const out = resolve(options.out ?? resolve(ROOT, 'faults-results.json'));
  const config = loadFaultsConfig();
  // What the suite starts (the services, test-utils' clients) is given every broker too.
  process.env.KAFKA_BROKERS = config.stack.kafka.bootstrap.join(',');
  const stack = createStack(config.stack, (component, message) => log(`${component}: ${message}`));
  const kafka = createTestKafka(config.test.kafka);
  // SIGINT or SIGTERM (Ctrl-C, CI's timeout): the scenario under way stops its pipeline, so no
  // service outlives the suite, and the report is written; a second signal exits at once.
  const canMount = await canMountTmpfs();
  const interrupt = new AbortController();
  let interruptedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupt.signal.aborted) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    log(`${signal}: stopping the scenario under way (again to exit at once)`);
    interruptedBy = signal;
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const report = await runScenarios(scenarios, {
    context: { config, stack, kafka, short: options.short },
    facts: () => stackFacts(kafka, stack, canMount),
    restore: (before) => restoreServers(stack, before),
    log,
    interrupt: interrupt.signal,
  });
  writeJsonReport(out, report);
  process.stdout.write(`\n${formatTable(report)}\nJSON: ${out}\n`);
  // The shell's convention: 128 and the signal's number.
  if (interruptedBy !== undefined) return 128 + (interruptedBy === 'SIGINT' ? 2 : 15);
  return suitePassed(report) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `faults: ${error instanceof Error ? (error.stack ?? errorMessage(error)) : String(error)}\n`,
    );
    process.exit(1);
  },
);
