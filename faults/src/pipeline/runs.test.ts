import { Writable } from 'node:stream';
import { createLogger } from '@nobel-pipeline/common';
import { runsInLog } from './runs';

/** A logger like the fetcher's (common's createLogger), writing to a string. */
function collectingLogger() {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  // pino writes synchronously to a stream it is given: each line is in `text` on return.
  const logger = createLogger({ name: 'fetcher', level: 'info', destination });
  return { logger, text: () => text };
}

/** The line the fetcher's runner writes as a run ends (fetcher/src/run/runner.ts). */
function logRunEnd(
  logger: ReturnType<typeof createLogger>,
  run: { runId: string; outcome: string; startedAt: number; durationMs: number },
  msg: string,
) {
  const { runId, ...fields } = run;
  logger
    .child({ runId, trigger: 'COMMAND' })
    .info({ ...fields, finishedAt: run.startedAt + 1, prizesSeen: 670, error: null }, msg);
}

it("reads each run's end from the fetcher's log lines, publishing included", () => {
  const { logger, text } = collectingLogger();
  logRunEnd(
    logger,
    { runId: 'a', outcome: 'SUCCEEDED', startedAt: 1000, durationMs: 250 },
    'run succeeded',
  );
  logger.info('consuming commands');
  logRunEnd(
    logger,
    { runId: 'b', outcome: 'ABORTED', startedAt: 2000, durationMs: 40 },
    'run aborted',
  );
  logRunEnd(
    logger,
    { runId: 'c', outcome: 'FAILED', startedAt: 3000, durationMs: 10 },
    'run failed',
  );
  logger.info({ runId: 'd' }, 'run succeeded'); // no times: skipped
  const output = ['not json at all', text(), '{"broken": '].join('\n');
  expect(runsInLog(output)).toEqual([
    { runId: 'a', outcome: 'SUCCEEDED', startedAt: 1000, endedAt: 1250 },
    { runId: 'b', outcome: 'ABORTED', startedAt: 2000, endedAt: 2040 },
    { runId: 'c', outcome: 'FAILED', startedAt: 3000, endedAt: 3010 },
  ]);
});
