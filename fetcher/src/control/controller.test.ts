import { createLogger } from '@nobel-pipeline/common';
import type { FetcherCommand, FetchRun, FetchTrigger } from '@nobel-pipeline/schemas';
import { createFetcherMetrics } from '../metrics';
import type { Runner, RunProgress } from '../run/runner';
import { createController } from './controller';

/** A runner whose runs last until the test finishes them. */
function fakeRunner() {
  const runs: {
    trigger: FetchTrigger;
    signal: AbortSignal;
    finish: () => void;
    progress: (p: RunProgress) => void;
  }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const runner: Runner = {
    run: (trigger, signal, onProgress) =>
      new Promise<FetchRun>((resolve) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const finish = () => {
          inFlight--;
          resolve({
            runId: String(runs.length),
            trigger,
            startedAt: Date.now(),
            finishedAt: Date.now(),
            outcome: signal.aborted ? 'ABORTED' : 'SUCCEEDED',
            pages: 1,
            prizesSeen: 1,
            prizesChanged: 0,
            prizesMissing: 0,
            sources: [],
            error: null,
          });
        };
        runs.push({ trigger, signal, finish, progress: (p) => onProgress?.(p) });
        signal.addEventListener('abort', finish, { once: true });
      }),
  };
  return { runner, runs, maxInFlight: () => maxInFlight };
}

const command = (
  type: FetcherCommand['type'],
  intervalSeconds: number | null = null,
): FetcherCommand => ({
  commandId: `c-${type}`,
  type,
  intervalSeconds,
  issuedAt: Date.now(),
  requestedBy: null,
});

/** Lets resolved promises run their callbacks. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup() {
  const fake = fakeRunner();
  const controller = createController({
    runner: fake.runner,
    defaultIntervalSeconds: 300,
    logger: createLogger({ name: 'test', level: 'silent' }),
    metrics: createFetcherMetrics({ defaultMetrics: false }),
  });
  controller.activate({ state: 'STOPPED' });
  return { ...fake, controller };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('the fetcher controller', () => {
  it('shows the run in flight with the pages it has read', async () => {
    const { controller, runs } = setup();
    controller.handle(command('FETCH_NOW'));
    expect(controller.status().running).toMatchObject({
      trigger: 'FETCH_NOW',
      pagesRead: 0,
      pagesTotal: null,
    });
    runs[0]?.progress({ pagesRead: 2, pagesTotal: 27 });
    expect(controller.status().running).toMatchObject({ pagesRead: 2, pagesTotal: 27 });
    runs[0]?.finish();
    await settle();
    expect(controller.status().running).toBeUndefined();
  });

  it('START runs now, then every interval', async () => {
    const { controller, runs } = setup();
    controller.handle(command('START', 120));
    expect(runs.map((r) => r.trigger)).toEqual(['START']);
    runs[0]?.finish();
    await settle();
    expect(controller.status().nextRunAt).toBeDefined();
    jest.advanceTimersByTime(119_000);
    expect(runs).toHaveLength(1);
    jest.advanceTimersByTime(1_000);
    expect(runs.map((r) => r.trigger)).toEqual(['START', 'SCHEDULE']);
  });

  it('uses the configured interval when START gives none', async () => {
    const { controller, runs } = setup();
    controller.handle(command('START'));
    runs[0]?.finish();
    await settle();
    jest.advanceTimersByTime(299_000);
    expect(runs).toHaveLength(1);
    jest.advanceTimersByTime(1_000);
    expect(runs).toHaveLength(2);
  });

  it('a START while started only changes the interval', async () => {
    const { controller, runs } = setup();
    controller.handle(command('START', 600));
    runs[0]?.finish();
    await settle();
    controller.handle(command('START', 60));
    expect(runs).toHaveLength(1);
    jest.advanceTimersByTime(60_000);
    expect(runs).toHaveLength(2);
    expect(controller.status().intervalSeconds).toBe(60);
  });

  it('STOP aborts the run in flight and schedules nothing more', async () => {
    const { controller, runs } = setup();
    controller.handle(command('START', 60));
    controller.handle(command('STOP'));
    expect(runs[0]?.signal.aborted).toBe(true);
    await settle();
    jest.advanceTimersByTime(3_600_000);
    expect(runs).toHaveLength(1);
    expect(controller.status()).toMatchObject({
      desired: { state: 'STOPPED' },
      nextRunAt: undefined,
      running: undefined,
    });
  });

  it('FETCH_NOW runs once whatever the state, and does not change it', async () => {
    const { controller, runs } = setup();
    controller.handle(command('FETCH_NOW'));
    expect(runs.map((r) => r.trigger)).toEqual(['FETCH_NOW']);
    runs[0]?.finish();
    await settle();
    jest.advanceTimersByTime(3_600_000);
    expect(runs).toHaveLength(1);
    expect(controller.status().desired).toEqual({ state: 'STOPPED' });
  });

  it('never runs twice at once: a request during a run waits for it', async () => {
    const { controller, runs, maxInFlight } = setup();
    controller.handle(command('START', 60));
    controller.handle(command('FETCH_NOW'));
    controller.handle(command('FETCH_NOW'));
    expect(runs).toHaveLength(1);
    runs[0]?.finish();
    await settle();
    expect(runs.map((r) => r.trigger)).toEqual(['START', 'FETCH_NOW']);
    runs[1]?.finish();
    await settle();
    jest.advanceTimersByTime(60_000);
    expect(runs.map((r) => r.trigger)).toEqual(['START', 'FETCH_NOW', 'SCHEDULE']);
    expect(maxInFlight()).toBe(1);
  });

  describe('FETCH_NOW and STOP, in every order', () => {
    it('START, FETCH, STOP: the START run is aborted, the FETCH_NOW waiting still runs', async () => {
      const { controller, runs } = setup();
      controller.handle(command('START', 60));
      controller.handle(command('FETCH_NOW'));
      controller.handle(command('STOP'));
      expect(runs[0]?.signal.aborted).toBe(true);
      await settle();
      expect(runs.map((r) => r.trigger)).toEqual(['START', 'FETCH_NOW']);
      runs[1]?.finish();
      await settle();
      jest.advanceTimersByTime(3_600_000);
      expect(runs).toHaveLength(2);
      expect(controller.status()).toMatchObject({
        desired: { state: 'STOPPED' },
        running: undefined,
      });
    });

    it('FETCH, STOP: the FETCH_NOW run in flight is not aborted, and nothing follows it', async () => {
      const { controller, runs } = setup();
      controller.handle(command('FETCH_NOW'));
      controller.handle(command('STOP'));
      expect(runs[0]?.signal.aborted).toBe(false);
      runs[0]?.finish();
      await settle();
      jest.advanceTimersByTime(3_600_000);
      expect(runs.map((r) => r.trigger)).toEqual(['FETCH_NOW']);
    });

    it('START, STOP, FETCH: the FETCH_NOW runs after the aborted START run', async () => {
      const { controller, runs } = setup();
      controller.handle(command('START', 60));
      controller.handle(command('STOP'));
      controller.handle(command('FETCH_NOW'));
      await settle();
      expect(runs.map((r) => [r.trigger, r.signal.aborted])).toEqual([
        ['START', true],
        ['FETCH_NOW', false],
      ]);
    });

    it('a scheduled run waiting behind a FETCH_NOW is dropped by STOP; the FETCH_NOW is not', async () => {
      const { controller, runs } = setup();
      controller.handle(command('START', 60));
      runs[0]?.finish();
      await settle();
      controller.handle(command('FETCH_NOW'));
      jest.advanceTimersByTime(60_000); // the schedule falls due during the FETCH_NOW run
      controller.handle(command('STOP'));
      runs[1]?.finish();
      await settle();
      jest.advanceTimersByTime(3_600_000);
      expect(runs.map((r) => r.trigger)).toEqual(['START', 'FETCH_NOW']);
    });

    it('requests that wait together are served by one run, labelled with the first', async () => {
      const { controller, runs } = setup();
      controller.handle(command('FETCH_NOW'));
      controller.handle(command('START', 60));
      controller.handle(command('FETCH_NOW'));
      runs[0]?.finish();
      await settle();
      expect(runs.map((r) => r.trigger)).toEqual(['FETCH_NOW', 'START']);
      runs[1]?.finish();
      await settle();
      expect(runs).toHaveLength(2);
      jest.advanceTimersByTime(60_000);
      expect(runs.map((r) => r.trigger)).toEqual(['FETCH_NOW', 'START', 'SCHEDULE']);
    });
  });

  describe('when a FETCH_NOW counts as carried out', () => {
    it('once the run serving it has finished, whatever its label', async () => {
      const { controller, runs } = setup();
      controller.handle(command('START', 60));
      let carried: boolean | undefined;
      void controller.handle(command('FETCH_NOW')).then((done) => (carried = done));
      runs[0]?.finish(); // the START run, which started before the FETCH_NOW arrived
      await settle();
      expect(carried).toBeUndefined();
      runs[1]?.finish(); // the run that serves it
      await settle();
      expect(carried).toBe(true);
    });

    it('a STOP does not abort the run that serves a waiting FETCH_NOW, whatever its label', async () => {
      const { controller, runs } = setup();
      controller.handle(command('FETCH_NOW'));
      controller.handle(command('START', 60)); // waits behind the FETCH_NOW run
      const carried = controller.handle(command('FETCH_NOW')); // served by the next run
      runs[0]?.finish();
      await settle();
      expect(runs.map((r) => r.trigger)).toEqual(['FETCH_NOW', 'START']);
      controller.handle(command('STOP'));
      expect(runs[1]?.signal.aborted).toBe(false);
      runs[1]?.finish();
      expect(await carried).toBe(true);
    });

    it('never, when the instance stops polling first: the next owner carries it out', async () => {
      const { controller, runs } = setup();
      controller.handle(command('START', 60));
      const carried = controller.handle(command('FETCH_NOW'));
      await controller.deactivate('rebalance');
      expect(await carried).toBe(false);
      expect(runs).toHaveLength(1);
    });
  });

  it('labels the first run START when the START restored on activation was never handled', () => {
    const fake = fakeRunner();
    const controller = createController({
      runner: fake.runner,
      defaultIntervalSeconds: 300,
      logger: createLogger({ name: 'test', level: 'silent' }),
      metrics: createFetcherMetrics({ defaultMetrics: false }),
    });
    controller.activate({ state: 'STARTED', intervalSeconds: 90 }, 'START');
    expect(fake.runs.map((r) => r.trigger)).toEqual(['START']);
  });

  it('resumes a started fetcher on activation, and does nothing for a stopped one', async () => {
    const started = fakeRunner();
    const controller = createController({
      runner: started.runner,
      defaultIntervalSeconds: 300,
      logger: createLogger({ name: 'test', level: 'silent' }),
      metrics: createFetcherMetrics({ defaultMetrics: false }),
    });
    controller.activate({ state: 'STARTED', intervalSeconds: 90 });
    expect(started.runs.map((r) => r.trigger)).toEqual(['SCHEDULE']);
    const stopped = setup();
    expect(stopped.runs).toHaveLength(0);
  });

  it('deactivation aborts the run, waits for it, and stops the schedule', async () => {
    const { controller, runs } = setup();
    controller.handle(command('START', 60));
    await controller.deactivate('rebalance');
    expect(runs[0]?.signal.aborted).toBe(true);
    jest.advanceTimersByTime(3_600_000);
    controller.handle(command('FETCH_NOW'));
    expect(runs).toHaveLength(1);
    expect(controller.status().active).toBe(false);
  });
});
