import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config';
import { statusTable } from '../cli/table';
import { createStack } from '../stack';
import { describeGroups, describeLeftovers, leftBehind, takeInventory } from './leftovers';

/**
 * `npm test`: every package's tests, against the local stack. A stack that runs is used and
 * left as it was; one that does not is started first (and said so), and stopped afterwards
 * unless `--keep-stack`. When the stack cannot start, the message says which component and
 * the command that starts it, once, at the top — and only the unit tests run. Afterwards, what
 * the run left on the stack (topics, groups, subjects, databases it did not find there) is
 * listed, and fails the run with `--fail-on-leftovers` (CI).
 */

/**
 * Time zones in which the package that stores and reads timestamps (db: the write path, newer
 * wins, the reads) runs again after a full run: one far east of UTC with a 45-minute offset,
 * one west of it with a half hour. Every DATETIME must be UTC whatever TZ is. The sink's own
 * time-zone test starts the real sink under both zones itself, so the sink's suite is not run
 * a second and third time (it took five minutes of CI for that).
 */
export const TIME_ZONES = ['Asia/Kathmandu', 'America/St_Johns'] as const;
export const ZONED_PACKAGES = ['@nobel-pipeline/db'] as const;

export interface TestRunOptions {
  /** Leave a stack this run started running afterwards. */
  keepStack: boolean;
  /** Skip the runs of ZONED_PACKAGES in TIME_ZONES. */
  noZones: boolean;
  /** One package at a time, in the reverse of the usual order (finds order dependencies). */
  reverse: boolean;
  failOnLeftovers: boolean;
  /** Passed on to `lerna run test` (e.g. --scope @nobel-pipeline/sink). */
  lernaArgs: string[];
}

export const TEST_RUN_USAGE = `Usage: npm test [-- [--keep-stack] [--no-zones] [--reverse] [--fail-on-leftovers] [lerna options]]
  --keep-stack         leave running a stack this run had to start
  --no-zones           skip the second and third runs of db, under
                       TZ=${TIME_ZONES.join(' and TZ=')} (a full run ends with them)
  --reverse            run the packages one at a time in reverse order (order dependencies)
  --fail-on-leftovers  fail when the run left topics, groups, subjects or databases behind
                       (on by default when CI=true)
  anything else goes to \`lerna run test\`, e.g. --scope @nobel-pipeline/sink`;

export function parseTestRunArgs(args: string[], env: NodeJS.ProcessEnv): TestRunOptions {
  const flags = new Set(['--keep-stack', '--no-zones', '--reverse', '--fail-on-leftovers']);
  return {
    keepStack: args.includes('--keep-stack'),
    noZones: args.includes('--no-zones'),
    reverse: args.includes('--reverse'),
    failOnLeftovers: args.includes('--fail-on-leftovers') || env.CI === 'true',
    lernaArgs: args.filter((a) => !flags.has(a)),
  };
}

/** The process group of the command running now, to pass a Ctrl-C on to. */
let foreground: number | undefined;

/**
 * Runs a command with this terminal's output; resolves with its exit code. The command gets a
 * process group of its own: when a package fails, lerna (Nx) signals its whole group, and that
 * must not reach this runner, which still has to report and to stop the stack it started. A
 * Ctrl-C reaching the runner is passed on to the command's group.
 */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit', env, detached: true });
    foreground = child.pid;
    child.once('error', () => resolveRun(127));
    child.once('exit', (code, signal) => {
      foreground = undefined;
      resolveRun(code ?? (signal === null ? 1 : 128));
    });
  });
}

function workspaces(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  return manifest.workspaces;
}

export async function runTests(
  config: StackConfig,
  options: TestRunOptions,
  print: (line: string) => void,
): Promise<number> {
  const root = config.paths.root;
  const stack = createStack(config, (component, message) => print(`[${component}] ${message}`));
  let interrupted = false;
  // A Ctrl-C: passed on to the tests, whose end the runner waits for before it tidies up.
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    if (foreground !== undefined) {
      try {
        process.kill(-foreground, signal);
      } catch {
        // Already gone.
      }
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const before = await stack.status();
    const down = before.filter((s) => !s.up).map((s) => s.name);
    if (down.length === 0) {
      print('Testing against the running stack (it stays as it is).');
    } else {
      print(
        `The stack is not running (${down.join(', ')}: down): starting it for the tests, as \`npm run stack:up\` does${options.keepStack ? '' : ' — it is stopped again afterwards'}.`,
      );
      const up = await stack.up();
      if (up.errors.length > 0 || !up.statuses.every((s) => s.up)) {
        print(`\n${statusTable(up.statuses)}\n`);
        for (const error of up.errors)
          print(`error: ${error.message}${error.hint === undefined ? '' : `\n  ${error.hint}`}`);
        print(
          `\nThe integration tests cannot run: ${up.statuses
            .filter((s) => !s.up)
            .map((s) => s.name)
            .join(
              ', ',
            )} did not start (see above). Start the stack with \`npm run stack:up\`; running the unit tests only.\n`,
        );
        await run('npm', ['run', '-s', 'test:unit'], root);
        return 1;
      }
    }
    const startedHere = (await stack.status())
      .filter((s) => s.up && s.owner === 'stack' && down.includes(s.name) && s.name !== 'topics')
      .map((s) => s.name);

    // Every package's tests start other packages' built services: build them all first
    // (incremental: seconds when nothing changed).
    print('Building every package (npm run build)...');
    if ((await run('npm', ['run', '-s', 'build'], root)) !== 0) {
      print('The build failed (see above): no test was run.');
      return 1;
    }

    const inventory = await takeInventory(config);
    let code = 0;
    if (options.reverse) {
      const failed: string[] = [];
      for (const workspace of [...workspaces(root)].reverse()) {
        if (interrupted) break;
        print(`\n==> ${workspace} (alone, in reverse order)`);
        if ((await run('npm', ['run', '-s', 'test', '-w', workspace], root)) !== 0)
          failed.push(workspace);
      }
      if (failed.length > 0) print(`\nFailed: ${failed.join(', ')}`);
      code = failed.length > 0 ? 1 : 0;
    } else {
      // `npm run test:packages`: lerna, one package at a time, all of them even after a failure.
      code = await run('npm', ['run', '-s', 'test:packages', '--', ...options.lernaArgs], root);
      if (!options.noZones && options.lernaArgs.length === 0) {
        for (const zone of TIME_ZONES) {
          if (interrupted) break;
          print(`\n==> ${ZONED_PACKAGES.join(' and ')} again, under TZ=${zone}`);
          const scopes = ZONED_PACKAGES.flatMap((p) => ['--scope', p]);
          const zoned = await run('npm', ['run', '-s', 'test:packages', '--', ...scopes], root, {
            ...process.env,
            TZ: zone,
          });
          if (zoned !== 0) {
            print(`Failed under TZ=${zone}.`);
            if (code === 0) code = zoned;
          }
        }
      }
    }
    // lerna ends a run with failures with its own codes (130 among them): failed is failed.
    if (code !== 0) code = 1;

    const leftovers = leftBehind(inventory, await takeInventory(config));
    const left = describeLeftovers(leftovers);
    if (left === undefined) {
      print('\nThe tests left nothing behind on the stack (topics, groups, subjects, databases).');
    } else {
      print(`\nThe tests left these behind on the stack:\n${left}`);
      const groups = await describeGroups(config, leftovers.groups);
      if (groups.length > 0)
        print(`The groups left behind, as Kafka describes them:\n${groups.join('\n')}`);
      if (options.failOnLeftovers && code === 0) code = 1;
    }

    if (startedHere.length > 0 && !options.keepStack) {
      print(`\nStopping what this run started: ${startedHere.join(', ')}.`);
      // A cluster's nodes together (one stopped after the others would wait for a quorum that
      // is gone), then the rest.
      const kafkaNodes = startedHere.filter(
        (name) => name === 'kafka' || name.startsWith('kafka-'),
      );
      await Promise.all(kafkaNodes.map((name) => stack.component(name).down()));
      for (const name of startedHere.filter((n) => !kafkaNodes.includes(n)))
        await stack.component(name).down();
    }
    return interrupted ? 130 : code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
