import type { FetchRunView, StatusBody } from '@nobel-pipeline/schemas';
import { describeStatus, runsTable } from './status';

const run: FetchRunView = {
  runId: 'r1',
  trigger: 'START',
  startedAt: '2026-11-29T10:00:00.000Z',
  finishedAt: '2026-11-29T10:00:01.500Z',
  outcome: 'SUCCEEDED',
  pages: 27,
  prizesSeen: 670,
  prizesChanged: 670,
  prizesMissing: 0,
  sources: [{ source: 'nobelPrizes', pages: 27, seen: 670, changed: 670, missing: 0 }],
  error: null,
};

const status: StatusBody = {
  fetcher: {
    desiredState: 'STARTED',
    intervalSeconds: 600,
    lastCommand: { commandId: 'c', issuedAt: '2026-11-29T10:00:00.000Z' },
    instances: [
      { memberId: 'fetcher-a1', clientId: 'fetcher', host: '10.0.0.2', active: true },
      { memberId: 'fetcher-b2', clientId: 'fetcher', host: '10.0.0.3', active: false },
    ],
    live: {
      running: {
        trigger: 'FETCH_NOW',
        since: '2026-11-29T10:04:59.000Z',
        pagesRead: 3,
        pagesTotal: 27,
      },
      nextRunAt: '2026-11-29T10:10:00.000Z',
    },
  },
  lastRun: run,
  nextRunExpectedAt: '2026-11-29T10:10:00.000Z',
  sink: {
    lag: [{ topic: 'nobel.prizes', partition: 0, committed: '10', end: '12', lag: 2 }],
    totalLag: 2,
  },
  database: { status: 'ready', message: 'ready' },
  dlq: { topics: [{ topic: 'nobel.prizes.dlq', records: 3 }], total: 3 },
};

describe('nobel status, in words', () => {
  it('says the state, the last run, when the next is due, the lag and the database', () => {
    const text = describeStatus(status, new Date('2026-11-29T10:05:00.000Z'));
    expect(text.split('\n')).toEqual([
      'fetcher   STARTED, every 600 s',
      'instances fetcher-a1 on 10.0.0.2 active (2 in the group)',
      'running   FETCH_NOW since 2026-11-29T10:04:59.000Z, page 3 of 27',
      'last run  SUCCEEDED START at 2026-11-29T10:00:00.000Z, 1.5 s: 670 seen, 670 changed',
      'next run  2026-11-29T10:10:00.000Z (in 5 min 00 s)',
      'sink      2 record(s) behind (nobel.prizes[0] 2)',
      'database  ready',
      'dlq       3 record(s)',
    ]);
  });

  it('says what it does not know, and why', () => {
    const text = describeStatus(
      {
        ...status,
        fetcher: {
          desiredState: 'UNKNOWN',
          intervalSeconds: null,
          lastCommand: null,
          instances: { error: 'group coordinator not available' },
          live: { error: 'no fetcher answered: GET http://f:9464/status: ECONNREFUSED' },
        },
        lastRun: null,
        nextRunExpectedAt: null,
        sink: { error: 'connect ECONNREFUSED 127.0.0.1:9092' },
        database: { status: 'not_migrated', message: 'run `npm run migrate`' },
        dlq: { error: 'This server does not host this topic-partition' },
      },
      new Date(),
    );
    expect(text).toContain('UNKNOWN');
    expect(text).toContain('sink      unknown: connect ECONNREFUSED');
    expect(text).toContain('database  not_migrated: run `npm run migrate`');
    expect(text).toContain('instances unknown: group coordinator not available');
    expect(text).toContain('running   unknown: no fetcher answered');
    expect(text).toContain('dlq       unknown: This server');
  });

  it('lists runs as a table, with how long each took', () => {
    const [header, row] = runsTable([run]).split('\n');
    expect(header).toMatch(/^STARTED\s+TRIGGER\s+OUTCOME\s+TOOK\s+PAGES/);
    expect(row).toMatch(/SUCCEEDED\s+1\.5 s\s+27\s+670\s+670\s+0\s+-$/);
  });
});
