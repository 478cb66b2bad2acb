import { createFetcherLive } from './fetcher-live';

const running = {
  trigger: 'FETCH_NOW',
  since: '2026-11-29T10:00:00.000Z',
  pagesRead: 3,
  pagesTotal: 27,
};

/** A fetch that answers per URL: a body, a status, or a network error. */
function fakeFetch(answers: Record<string, unknown>): typeof fetch {
  return async (input) => {
    const answer = answers[String(input)];
    if (answer instanceof Error) throw new TypeError('fetch failed', { cause: answer });
    if (typeof answer === 'number') return new Response('{}', { status: answer });
    return Response.json(answer);
  };
}

describe("the active fetcher's run in flight", () => {
  it("is the active instance's, whichever URL it is at", async () => {
    const live = createFetcherLive({
      urls: ['http://f1:9464', 'http://f2:9464'],
      fetch: fakeFetch({
        'http://f1:9464/status': { active: false, running: null, nextRunAt: null, version: '1' },
        'http://f2:9464/status': { active: true, running, nextRunAt: '2026-11-29T10:05:00.000Z' },
      }),
    });
    await expect(live()).resolves.toEqual({ running, nextRunAt: '2026-11-29T10:05:00.000Z' });
  });

  it('is unknown when the fetchers that answer all stand by (the active one is elsewhere)', async () => {
    const live = createFetcherLive({
      urls: ['http://f1:9464', 'http://f2:9464'],
      fetch: fakeFetch({
        'http://f1:9464/status': { active: false, running: null, nextRunAt: null },
        'http://f2:9464/status': new Error('connect ECONNREFUSED'),
      }),
    });
    await expect(live()).resolves.toEqual({
      error: expect.stringContaining('none of the 1 fetcher(s) that answered is the active one'),
    });
  });

  it('says why when no fetcher answers, and never passes on a body that is not a status', async () => {
    const live = createFetcherLive({
      urls: ['http://f1:9464', 'http://f2:9464', 'http://f3:9464'],
      fetch: fakeFetch({
        'http://f1:9464/status': new Error('connect ECONNREFUSED 10.0.0.1:9464'),
        'http://f2:9464/status': 503,
        'http://f3:9464/status': { active: true, running: { trigger: 'NOW' }, nextRunAt: null },
      }),
    });
    const answer = await live();
    expect(answer).toEqual({ error: expect.stringContaining('no fetcher answered') });
    const { error } = answer as { error: string };
    expect(error).toContain('GET http://f1:9464/status: connect ECONNREFUSED 10.0.0.1:9464');
    expect(error).toContain('GET http://f2:9464/status answered 503');
    expect(error).toContain("GET http://f3:9464/status did not answer a fetcher's status");
  });
});
