import { createLogger, errorMessage, loadEnv, runService } from '@nobel-pipeline/common';
import { loadConfig } from './config';
import { createFetcher } from './fetcher';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the version of this package, at run time
const { version } = require('../package.json') as { version: string };

/** The fetcher's process: configuration, wiring, signals. */
async function main(): Promise<void> {
  const config = loadConfig(loadEnv().env);
  const logger = createLogger({ name: 'fetcher', level: config.log.level });
  await runService(createFetcher({ config, logger, version }), logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`fetcher failed to start: ${errorMessage(error)}\n`);
  process.exit(1);
});
