import type { FetcherCommand } from '@nobel-pipeline/schemas';
import {
  desiredStateOfTopic,
  lostCommands,
  lostCommandsFailures,
  overlappingRuns,
  type StoredCommand,
} from './commands';

const stored = (
  type: FetcherCommand['type'],
  commandId: string,
  intervalSeconds: number | null = null,
): StoredCommand => ({
  key: type === 'FETCH_NOW' ? 'fetcher.fetch-now' : 'fetcher',
  command: { commandId, type, intervalSeconds, issuedAt: 1, requestedBy: null },
});

describe('desiredStateOfTopic', () => {
  it('is the last START or STOP on the topic; FETCH_NOW sets nothing', () => {
    expect(desiredStateOfTopic([])).toEqual({ state: 'STOPPED' });
    expect(
      desiredStateOfTopic([
        stored('STOP', 'a'),
        stored('START', 'b', 120),
        stored('FETCH_NOW', 'c'),
      ]),
    ).toEqual({ state: 'STARTED', intervalSeconds: 120 });
    expect(desiredStateOfTopic([stored('START', 'a'), stored('STOP', 'b')])).toEqual({
      state: 'STOPPED',
    });
  });
});

describe('lostCommands', () => {
  it('names the 202s whose command is not on the topic, and ignores the refused ones', () => {
    expect(
      lostCommands(
        [
          { type: 'START', status: 202, commandId: 'a' },
          { type: 'STOP', status: 202, commandId: 'b' },
          { type: 'STOP', status: 503 },
        ],
        [stored('START', 'a')],
      ),
    ).toEqual(['b']);
  });
});

describe('overlappingRuns', () => {
  it('finds a run that started before an earlier one finished', () => {
    expect(
      overlappingRuns([
        { runId: 'b', startedAt: 10, finishedAt: 20 },
        { runId: 'a', startedAt: 0, finishedAt: 10 },
        { runId: 'c', startedAt: 25, finishedAt: 40 },
        { runId: 'd', startedAt: 30, finishedAt: 35 },
        { runId: 'e', startedAt: 36, finishedAt: 50 },
      ]),
    ).toEqual([
      ['c', 'd'],
      ['c', 'e'],
    ]);
  });
});

describe('lostCommandsFailures', () => {
  it('says nothing when no 202 is missing, and names up to ten of those that are', () => {
    expect(lostCommandsFailures([])).toEqual([]);
    expect(lostCommandsFailures(['a', 'b'])).toEqual([
      '2 commands answered 202 are not on the topic: a, b',
    ]);
    const many = Array.from({ length: 12 }, (_, i) => `c${i}`);
    expect(lostCommandsFailures(many)[0]).toMatch(/^12 commands .*c9, …$/);
  });
});
