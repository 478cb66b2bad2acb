import { fetcherStatus } from '@nobel-pipeline/schemas';
import { statusView } from './status-view';

describe('the fetcher status view', () => {
  it("is what ingest-api reads of a fetcher's status (the contract in schemas)", () => {
    const view = statusView({
      active: true,
      desired: { state: 'STOPPED' },
      intervalSeconds: 300,
      running: { trigger: 'FETCH_NOW', since: 0, pagesRead: 0, pagesTotal: null },
      waiting: [],
      nextRunAt: undefined,
      lastRun: undefined,
    });
    expect(fetcherStatus.parse(view)).toMatchObject({ active: true, nextRunAt: null });
  });

  it('shows times in ISO-8601 UTC and null for what there is none of', () => {
    const at = Date.UTC(2026, 10, 29, 12, 0, 0);
    expect(
      statusView({
        active: true,
        desired: { state: 'STARTED', intervalSeconds: 300 },
        intervalSeconds: 300,
        running: { trigger: 'SCHEDULE', since: at, pagesRead: 2, pagesTotal: 7 },
        waiting: ['FETCH_NOW'],
        nextRunAt: undefined,
        lastRun: {
          runId: 'r',
          trigger: 'START',
          startedAt: at - 1000,
          finishedAt: at - 500,
          outcome: 'SUCCEEDED',
          pages: 27,
          prizesSeen: 670,
          prizesChanged: 0,
          prizesMissing: 0,
          sources: [],
          error: null,
        },
      }),
    ).toEqual({
      active: true,
      desired: { state: 'STARTED', intervalSeconds: 300 },
      intervalSeconds: 300,
      running: {
        trigger: 'SCHEDULE',
        since: '2026-11-29T12:00:00.000Z',
        pagesRead: 2,
        pagesTotal: 7,
      },
      waiting: ['FETCH_NOW'],
      nextRunAt: null,
      lastRun: expect.objectContaining({
        startedAt: '2026-11-29T11:59:59.000Z',
        finishedAt: '2026-11-29T11:59:59.500Z',
      }),
    });
  });
});
