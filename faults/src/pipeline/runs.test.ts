import { runsInLog } from './runs';

const ended = (
  runId: string,
  msg: string,
  outcome: string,
  startedAt: number,
  durationMs: number,
) =>
  JSON.stringify({
    level: 30,
    time: startedAt + durationMs,
    runId,
    trigger: 'COMMAND',
    msg,
    outcome,
    startedAt,
    finishedAt: startedAt + 1,
    durationMs,
  });

it("reads each run's end from the fetcher's JSON lines, publishing included", () => {
  const output = [
    ended('a', 'run succeeded', 'SUCCEEDED', 1000, 250),
    '{"level":30,"msg":"consuming commands"}',
    'not json at all',
    '{"broken": ',
    ended('b', 'run aborted', 'ABORTED', 2000, 40),
    ended('c', 'run failed', 'FAILED', 3000, 10),
    JSON.stringify({ msg: 'run succeeded', runId: 'd' }), // no times: skipped
    '',
  ].join('\n');
  expect(runsInLog(output)).toEqual([
    { runId: 'a', outcome: 'SUCCEEDED', startedAt: 1000, endedAt: 1250 },
    { runId: 'b', outcome: 'ABORTED', startedAt: 2000, endedAt: 2040 },
    { runId: 'c', outcome: 'FAILED', startedAt: 3000, endedAt: 3010 },
  ]);
});
