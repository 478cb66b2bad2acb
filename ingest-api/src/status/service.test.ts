import { createStatusService, type StatusDeps } from './service';

const desired: ReturnType<StatusDeps['desired']> = {
  known: true,
  state: 'STARTED',
  intervalSeconds: 120,
  commandId: 'c1',
  issuedAt: '2026-11-29T10:00:00.000Z',
};

function deps(overrides: Partial<StatusDeps> = {}): StatusDeps {
  return {
    desired: () => desired,
    reader: { lastRun: async () => undefined },
    database: async () => ({ status: 'ready' }),
    lag: async () => [{ topic: 'p', partition: 0, committed: '5', end: '7', lag: 2 }],
    instances: async () => [
      { memberId: 'fetcher-1a', clientId: 'fetcher', host: '127.0.0.1', active: true },
    ],
    live: undefined,
    dlq: async () => [
      { topic: 'nobel.prizes.dlq', records: 3 },
      { topic: 'nobel.commands.dlq', records: 1 },
    ],
    fetchIntervalSeconds: 300,
    ...overrides,
  };
}

describe('GET /status', () => {
  it('counts the dead letters, lists the fetchers and sums the lag', async () => {
    const status = await createStatusService(deps())();
    expect(status.dlq).toEqual({
      topics: [
        { topic: 'nobel.prizes.dlq', records: 3 },
        { topic: 'nobel.commands.dlq', records: 1 },
      ],
      total: 4,
    });
    expect(status.fetcher.instances).toEqual([
      { memberId: 'fetcher-1a', clientId: 'fetcher', host: '127.0.0.1', active: true },
    ]);
    expect(status.fetcher.live).toBeNull();
    expect(status.sink).toMatchObject({ totalLag: 2 });
  });

  it('answers every part it can when others fail, saying why', async () => {
    const down = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9092');
    };
    const status = await createStatusService(
      deps({
        lag: down,
        instances: down,
        dlq: down,
        live: async () => ({ error: 'no fetcher answered' }),
      }),
    )();
    expect(status.sink).toEqual({ error: 'connect ECONNREFUSED 127.0.0.1:9092' });
    expect(status.dlq).toEqual({ error: 'connect ECONNREFUSED 127.0.0.1:9092' });
    expect(status.fetcher.instances).toEqual({ error: 'connect ECONNREFUSED 127.0.0.1:9092' });
    expect(status.fetcher.live).toEqual({ error: 'no fetcher answered' });
    expect(status.fetcher.desiredState).toBe('STARTED');
    expect(status.database.status).toBe('ready');
  });
});
