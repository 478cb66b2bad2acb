import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as Config from './config';
import type * as Preflight from './preflight';

/** Whether a folder holds an `__tests__` folder anywhere below it. */
function hasIntegrationTests(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some(
    (entry) =>
      entry.isDirectory() &&
      entry.name !== 'node_modules' &&
      (entry.name === '__tests__' || hasIntegrationTests(join(dir, entry.name))),
  );
}

/**
 * The global setup of every package's jest (see jest-preset.js): before a run that includes
 * integration tests (`__tests__` folders, not excluded as `test:unit` does), checks once that
 * the stack answers, and stops the run with one message naming what is missing and the
 * command that starts it — instead of a failure per test, each a connection refused.
 */
export default async function globalSetup(
  _globalConfig: unknown,
  projectConfig: { rootDir: string; testPathIgnorePatterns: string[] },
): Promise<void> {
  const unitOnly = projectConfig.testPathIgnorePatterns.some((p) => p.includes('__tests__'));
  if (unitOnly || !hasIntegrationTests(join(projectConfig.rootDir, 'src'))) return;
  // Loaded only now: a unit-only run needs neither the configuration nor a build of common.
  /* eslint-disable @typescript-eslint/no-require-imports -- a lazy load; import() would be left to Node's ESM loader, which cannot load TypeScript */
  const { loadTestConfig } = require('./config') as typeof Config;
  const { stackMissingMessage, unreachableComponents } = require('./preflight') as typeof Preflight;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const problems = await unreachableComponents(loadTestConfig());
  if (problems.length > 0) throw new Error(`\n\n${stackMissingMessage(problems)}\n`);
}
