import { createLogger, errorMessage, loadEnv, runService } from '@nobel-pipeline/common';
import { loadConfig } from './config';
import { createIngestApi } from './ingest-api';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the version of this package, at run time
const { version } = require('../package.json') as { version: string };

/** ingest-api's process: configuration, wiring, signals. */
async function main(): Promise<void> {
  const config = loadConfig(loadEnv().env);
  const logger = createLogger({ name: 'ingest-api', level: config.log.level });
  await runService(createIngestApi({ config, logger, version }), logger);
}

main().catch((error: unknown) => {
  // Before the logger exists (a configuration error) there is only standard error.
  process.stderr.write(`ingest-api failed to start: ${errorMessage(error)}\n`);
  process.exit(1);
});
