import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as Config from './config';
import type * as Preflight from './preflight';

/** The integration test files of a package: `*.test.ts` under an `__tests__` folder. */
function integrationTests(dir: string, inTests = false): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules'
        ? []
        : integrationTests(path, inTests || entry.name === '__tests__');
    return inTests && entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** What of jest's configuration tells which files this run selects. */
interface Selection {
  globalConfig: { testPathPatterns?: { patterns?: string[] } | string[] };
  projectConfig: { rootDir: string; testPathIgnorePatterns: string[] };
}

/** The integration test files this run will run, as jest selects them. */
function selectedIntegrationTests({ globalConfig, projectConfig }: Selection): string[] {
  const given = globalConfig.testPathPatterns;
  const patterns = (Array.isArray(given) ? given : (given?.patterns ?? [])).map(
    (p) => new RegExp(p, 'i'),
  );
  const ignored = projectConfig.testPathIgnorePatterns.map((p) => new RegExp(p));
  return integrationTests(join(projectConfig.rootDir, 'src')).filter(
    (file) =>
      !ignored.some((p) => p.test(file)) &&
      (patterns.length === 0 || patterns.some((p) => p.test(file))),
  );
}

/**
 * The global setup of every package's jest (see jest-preset.js): before a run that includes
 * integration tests (files under `__tests__`, not excluded as `test:unit` does, and matching
 * the paths given on the command line), checks once that the stack answers, and stops the run
 * with one message naming what is missing and the command that starts it — instead of a
 * failure per test, each a refused connection.
 */
export default async function globalSetup(
  globalConfig: Selection['globalConfig'],
  projectConfig: Selection['projectConfig'],
): Promise<void> {
  if (selectedIntegrationTests({ globalConfig, projectConfig }).length === 0) return;
  // Loaded only now: a unit-only run needs neither the configuration nor a build of common.
  /* eslint-disable @typescript-eslint/no-require-imports -- a lazy load; import() would be left to Node's ESM loader, which cannot load TypeScript */
  const { loadTestConfig } = require('./config') as typeof Config;
  const { stackMissingMessage, unreachableComponents } = require('./preflight') as typeof Preflight;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const problems = await unreachableComponents(loadTestConfig());
  if (problems.length > 0) throw new Error(`\n\n${stackMissingMessage(problems)}\n`);
}
