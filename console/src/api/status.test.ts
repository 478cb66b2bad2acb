import { activeFetcherText, nextRunAt, runInFlightText, type ConsoleStatus } from './status';

const base: ConsoleStatus = {
  fetcher: {
    desiredState: 'STARTED',
    intervalSeconds: 300,
    lastCommand: null,
    instances: [],
    live: null,
  },
  lastRun: null,
  nextRunExpectedAt: '2024-05-01T12:05:00.000Z',
  sink: { lag: [], totalLag: 0 },
  database: { status: 'ready', message: 'ready' },
  dlq: { topics: [], total: 0 },
};

describe('nextRunAt', () => {
  it("prefers the fetcher's own next run", () => {
    const status: ConsoleStatus = {
      ...base,
      fetcher: { ...base.fetcher, live: { running: null, nextRunAt: '2024-05-01T12:04:00.000Z' } },
    };
    expect(nextRunAt(status)).toBe('2024-05-01T12:04:00.000Z');
  });

  it("falls back to ingest-api's estimate (no fetcher's address, or live status failing)", () => {
    expect(nextRunAt(base)).toBe('2024-05-01T12:05:00.000Z');
    const failing: ConsoleStatus = {
      ...base,
      fetcher: { ...base.fetcher, live: { error: 'x' } },
    };
    expect(nextRunAt(failing)).toBe('2024-05-01T12:05:00.000Z');
  });
});

describe('activeFetcherText', () => {
  it('names the active instance by its member id, and counts those standing by', () => {
    const instances = [
      { memberId: 'fetcher-1a', clientId: 'fetcher', host: 'a', active: true },
      { memberId: 'fetcher-2b', clientId: 'fetcher', host: 'b', active: false },
    ];
    expect(activeFetcherText(instances)).toBe('active: fetcher-1a on a; 1 standing by');
  });

  it('says when none runs, none is active, and when the group was unreadable', () => {
    expect(activeFetcherText([])).toBe('no fetcher is running');
    expect(activeFetcherText([{ memberId: 'f-1', clientId: 'f', host: 'h', active: false }])).toBe(
      'no fetcher is active; 1 standing by',
    );
    expect(activeFetcherText({ error: 'coordinator not available' })).toBe(
      'the fetcher group could not be read: coordinator not available',
    );
  });
});

describe('runInFlightText', () => {
  it('gives the page of the total, or the page alone', () => {
    const run = { trigger: 'FETCH_NOW' as const, since: 'x', pagesRead: 2, pagesTotal: 3 };
    expect(runInFlightText(run, '12:00')).toBe('running (FETCH_NOW) since 12:00: page 2 of 3');
    expect(runInFlightText({ ...run, pagesTotal: null }, '12:00')).toBe(
      'running (FETCH_NOW) since 12:00: page 2',
    );
  });
});
