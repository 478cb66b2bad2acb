import type { Scenario, ScenarioContext, ScenarioOutcome } from '../scenarios/scenario';
import type { StackFacts } from './needs';
import { runScenarios, scenarioLimitMs, SCENARIO_MINUTES } from './runner';

const outcome = (failures: string[]): ScenarioOutcome => ({
  injected: 'x',
  produced: 1,
  rows: 1,
  dlq: 0,
  lost: failures.length,
  duplicated: 0,
  recoverySeconds: 1,
  failures,
});

const scenario = (name: string, over: Partial<Scenario>): Scenario => ({
  name,
  description: name,
  needs: {},
  inShortRun: true,
  run: async () => outcome([]),
  ...over,
});

const facts: StackFacts = {
  brokers: 1,
  pids: { kafka: 1, registry: 2, mariadb: undefined },
  snapshot: true,
  canMount: false,
};

describe('runScenarios', () => {
  it('runs each scenario, skips those whose needs are not met, and keeps going after an error', async () => {
    const ran: string[] = [];
    const lines: string[] = [];
    const report = await runScenarios(
      [
        scenario('ok', { run: async () => (ran.push('ok'), outcome([])) }),
        scenario('cluster-only', { needs: { brokers: { min: 3 } } }),
        scenario('db', { needs: { ownedServers: ['mariadb'] } }),
        scenario('broken', {
          run: () => {
            ran.push('broken');
            return Promise.reject(new Error('the broker did not come back\nstack…'));
          },
        }),
        scenario('wrong', { run: async () => (ran.push('wrong'), outcome(['2 prizes lost'])) }),
      ],
      {
        // The scenarios here use none of the context.
        context: { short: true } as Omit<ScenarioContext, 'random' | 'log' | 'signal'>,
        facts: async () => facts,
        restore: async () => [],
        log: (line) => lines.push(line),
        now: () => new Date('2026-11-30T12:00:00Z'),
      },
    );
    expect(ran).toEqual(['ok', 'broken', 'wrong']);
    expect(report).toMatchObject({
      startedAt: '2026-11-30T12:00:00.000Z',
      short: true,
      brokers: 1,
    });
    expect(report.results.map((r) => [r.name, r.status])).toEqual([
      ['ok', 'passed'],
      ['cluster-only', 'skipped'],
      ['db', 'skipped'],
      ['broken', 'error'],
      ['wrong', 'failed'],
    ]);
    expect(report.results[1]).toMatchObject({
      reason: 'needs at least 3 brokers; the cluster has 1',
    });
    expect(report.results[3]).toMatchObject({ error: 'the broker did not come back' });
    expect(report.results[4]).toMatchObject({ failures: ['2 prizes lost'], lost: 1 });
  });

  it('starts again what a scenario left down, and reports a stack it cannot describe', async () => {
    const restored: string[] = [];
    let calls = 0;
    const report = await runScenarios([scenario('a', {}), scenario('b', {})], {
      context: { short: false } as Omit<ScenarioContext, 'random' | 'log' | 'signal'>,
      facts: async () => {
        calls++;
        if (calls === 2) throw new Error('Kafka is not answering');
        return facts;
      },
      restore: async () => {
        restored.push('registry');
        return ['registry'];
      },
      log: () => undefined,
    });
    expect(restored).toEqual(['registry']);
    expect(report.results[1]).toMatchObject({
      status: 'error',
      error: 'the stack could not be described: Kafka is not answering',
    });
  });

  it('gives each scenario the same draws on every run', async () => {
    const draws: number[][] = [];
    const run = async (context: ScenarioContext) => {
      draws.push([context.random(), context.random()]);
      return outcome([]);
    };
    const deps = {
      context: { short: false } as Omit<ScenarioContext, 'random' | 'log' | 'signal'>,
      facts: async () => facts,
      restore: async () => [],
      log: () => undefined,
    };
    await runScenarios([scenario('a', { run })], deps);
    await runScenarios([scenario('a', { run })], deps);
    expect(draws[0]).toEqual(draws[1]);
  });

  it('stops a scenario past its time, reports it as an error, and stops at one that does not return', async () => {
    const lines: string[] = [];
    let sawAbort = false;
    const report = await runScenarios(
      [
        scenario('hangs', {
          // Returns only once told to stop, as withPipeline's waits do once its services go.
          run: (context) =>
            new Promise((_, rejectRun) =>
              context.signal.addEventListener('abort', () => {
                sawAbort = true;
                rejectRun(new Error('the services were stopped'));
              }),
            ),
        }),
        scenario('goes-on', {}),
        scenario('never-returns', { run: () => new Promise(() => undefined) }),
        scenario('next', {}),
      ],
      {
        context: { short: true } as Omit<ScenarioContext, 'random' | 'log' | 'signal'>,
        facts: async () => facts,
        restore: async () => [],
        log: (line) => lines.push(line),
        limitMs: () => 30,
        abortGraceMs: 30,
      },
    );
    expect(sawAbort).toBe(true);
    expect(report.results.map((r) => [r.name, r.status])).toEqual([
      ['hangs', 'error'],
      ['goes-on', 'passed'],
      ['never-returns', 'error'],
      ['next', 'skipped'],
    ]);
    expect(report.results[0]).toMatchObject({ error: 'did not finish within its 0.0 min' });
    expect(report.results[2]).toMatchObject({
      error: 'did not finish within its 0.0 min, and had not returned 0.03 s after it was stopped',
    });
    expect(report.results[3]).toMatchObject({
      reason: 'never-returns did not return after it was stopped, and may still be at work',
    });
    expect(lines).toContain('hangs: still running after its 0.0 min: stopping it');
  });

  it('gives a scenario its own minutes, or the default', () => {
    expect(scenarioLimitMs(scenario('a', {}), true)).toBe(SCENARIO_MINUTES.short * 60_000);
    expect(scenarioLimitMs(scenario('a', { minutes: { short: 2, full: 30 } }), false)).toBe(
      1_800_000,
    );
  });

  it('when interrupted, stops the scenario under way and skips the rest', async () => {
    const interrupt = new AbortController();
    const lines: string[] = [];
    let stopped = false;
    const report = await runScenarios(
      [
        scenario('first', {}),
        scenario('under-way', {
          run: (context) => {
            // The signal comes while this one runs (SIGTERM from CI's timeout, say).
            setImmediate(() => interrupt.abort());
            return new Promise((_, rejectRun) =>
              context.signal.addEventListener('abort', () => {
                stopped = true;
                rejectRun(new Error('the services were stopped'));
              }),
            );
          },
        }),
        scenario('after', {}),
      ],
      {
        context: { short: true } as Omit<ScenarioContext, 'random' | 'log' | 'signal'>,
        facts: async () => facts,
        restore: async () => [],
        log: (line) => lines.push(line),
        interrupt: interrupt.signal,
      },
    );
    expect(stopped).toBe(true);
    expect(report.results.map((r) => [r.name, r.status])).toEqual([
      ['first', 'passed'],
      ['under-way', 'error'],
      ['after', 'skipped'],
    ]);
    expect(report.results[1]).toMatchObject({ error: 'interrupted' });
    expect(report.results[2]).toMatchObject({ reason: 'the suite was interrupted' });
    expect(lines).toContain('under-way: interrupted: stopping it');
  });
});
