import { createLogger, errorMessage, loadEnv, runService } from '@nobel-pipeline/common';
import { loadConfig } from './config';
import { createSink } from './sink';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the version of this package, at run time
const { version } = require('../package.json') as { version: string };

/** The sink's process: configuration, wiring, signals. */
async function main(): Promise<void> {
  const config = loadConfig(loadEnv().env);
  const logger = createLogger({ name: 'sink', level: config.log.level });
  const sink = createSink({
    config,
    logger,
    version,
    onProgrammerError: () => process.exit(1),
  });
  await runService(sink, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`sink failed to start: ${errorMessage(error)}\n`);
  process.exit(1);
});
