import type { Logger } from '@nobel-pipeline/common';
import type { FetcherCommand, FetchRun, FetchTrigger } from '@nobel-pipeline/schemas';
import type { FetcherMetrics } from '../metrics';
import type { Runner, RunProgress } from '../run/runner';
import { desiredStateOf, type DesiredState } from './desired-state';

export interface ControllerStatus {
  /** This instance owns the commands partition and has restored the state. */
  active: boolean;
  desired: DesiredState;
  intervalSeconds: number;
  running: ({ trigger: FetchTrigger; since: number } & RunProgress) | undefined;
  /** Requests waiting for the run in flight to end, in the order they came. */
  waiting: FetchTrigger[];
  nextRunAt: number | undefined;
  lastRun: FetchRun | undefined;
}

export interface Controller {
  /**
   * This instance became the poller, with the desired state restored from the topic. A started
   * fetcher runs at once: labelled START when that START was never handled by any instance
   * (it arrived while no instance owned the partition), SCHEDULE when it resumes polling.
   */
  activate(desired: DesiredState, resumeTrigger?: 'START' | 'SCHEDULE'): void;
  /** This instance is no longer the poller (rebalance, shutdown): abort and wait. */
  deactivate(reason: string): Promise<void>;
  /**
   * A new command from the commands topic. Resolves true once it has been carried out: START
   * and STOP at once; FETCH_NOW when the run that serves it has finished (whatever its
   * outcome) — false when this instance stopped polling first (the next owner carries it out).
   */
  handle(command: FetcherCommand): Promise<boolean>;
  status(): ControllerStatus;
}

export interface ControllerDeps {
  runner: Runner;
  defaultIntervalSeconds: number;
  logger: Logger;
  metrics: FetcherMetrics;
  now?: () => number;
}

/**
 * The fetcher's state machine.
 * - START: run now, then every interval (a START while started only changes the interval).
 * - STOP: polling ends — a START or scheduled run in flight is aborted, and nothing more is
 *   scheduled. A FETCH_NOW, in flight or waiting, is not cancelled: it asked for one run
 *   whatever the state.
 * - FETCH_NOW: one run now, whatever the state; the state does not change.
 * Never two runs at once: a request during a run waits for it, and the requests that wait
 * together are served by one run (labelled with the first of them), after which the schedule
 * counts from that run.
 */
export function createController(deps: ControllerDeps): Controller {
  const now = deps.now ?? Date.now;
  let active = false;
  let desired: DesiredState = { state: 'STOPPED' };
  let current:
    | {
        trigger: FetchTrigger;
        since: number;
        progress: RunProgress;
        abort: AbortController;
        done: Promise<void>;
        /** The FETCH_NOW requests this run serves. */
        serves: ((carriedOut: boolean) => void)[];
      }
    | undefined;
  /** FETCH_NOW requests waiting for the next run to start. */
  let waiting: ((carriedOut: boolean) => void)[] = [];
  /** Requests received during the run in flight, in the order they came. */
  const pending = new Set<FetchTrigger>();
  let timer: NodeJS.Timeout | undefined;
  let nextRunAt: number | undefined;
  let lastRun: FetchRun | undefined;

  const interval = () =>
    desired.state === 'STARTED'
      ? (desired.intervalSeconds ?? deps.defaultIntervalSeconds)
      : deps.defaultIntervalSeconds;

  function publishState(): void {
    deps.metrics.desiredState.set({ state: 'STARTED' }, desired.state === 'STARTED' ? 1 : 0);
    deps.metrics.desiredState.set({ state: 'STOPPED' }, desired.state === 'STOPPED' ? 1 : 0);
    deps.metrics.active.set(active ? 1 : 0);
  }

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    nextRunAt = undefined;
  }

  function schedule(at: number): void {
    clearTimer();
    nextRunAt = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        nextRunAt = undefined;
        request('SCHEDULE');
      },
      Math.max(0, at - now()),
    );
    timer.unref();
  }

  function afterRun(startedAt: number): void {
    if (!active) return;
    const [next] = pending;
    pending.clear();
    if (next !== undefined) start(next);
    else if (desired.state === 'STARTED') schedule(startedAt + interval() * 1000);
  }

  function start(trigger: FetchTrigger): void {
    clearTimer();
    const abort = new AbortController();
    const since = now();
    // Every FETCH_NOW waiting so far is served by this run, whatever its label.
    const serves = waiting;
    waiting = [];
    const progress: RunProgress = { pagesRead: 0, pagesTotal: null };
    const done = deps.runner
      .run(trigger, abort.signal, (read) => Object.assign(progress, read))
      .then(
        (run) => {
          lastRun = run;
        },
        (error: unknown) => deps.logger.error({ err: error }, 'a run failed unexpectedly'),
      );
    current = { trigger, since, progress, abort, done, serves };
    void done.then(() => {
      current = undefined;
      // A run aborted because this instance stopped polling served nobody.
      for (const served of serves) served(active);
      afterRun(since);
    });
  }

  function request(trigger: FetchTrigger): void {
    if (!active) return;
    if (current !== undefined) {
      // One run at a time: the request waits for the run in flight.
      pending.add(trigger);
      return;
    }
    start(trigger);
  }

  function activate(
    restored: DesiredState,
    resumeTrigger: 'START' | 'SCHEDULE' = 'SCHEDULE',
  ): void {
    active = true;
    desired = restored;
    publishState();
    deps.logger.info({ desired }, 'this instance polls now (it owns the commands partition)');
    // A started fetcher: run now, then on the interval.
    if (desired.state === 'STARTED') request(resumeTrigger);
  }

  async function deactivate(reason: string): Promise<void> {
    if (!active && current === undefined) return;
    active = false;
    publishState();
    clearTimer();
    pending.clear();
    for (const waiter of waiting) waiter(false);
    waiting = [];
    const running = current;
    if (running !== undefined) {
      deps.logger.warn({ reason }, 'aborting the run in flight');
      running.abort.abort();
      await running.done;
    }
    deps.logger.info({ reason }, 'this instance no longer polls');
  }

  function handle(command: FetcherCommand): Promise<boolean> {
    const log = deps.logger.child({ commandId: command.commandId, type: command.type });
    const wanted = desiredStateOf(command);
    if (wanted === undefined) {
      if (!active) return Promise.resolve(false);
      log.info('FETCH_NOW: one run now');
      const carriedOut = new Promise<boolean>((resolveDone) => waiting.push(resolveDone));
      request('FETCH_NOW');
      return carriedOut;
    }
    const wasStarted = desired.state === 'STARTED';
    desired = wanted;
    publishState();
    if (wanted.state === 'STOPPED') {
      // A run that serves a FETCH_NOW, whatever its label, is not aborted.
      const servesFetchNow =
        current !== undefined && (current.trigger === 'FETCH_NOW' || current.serves.length > 0);
      const keepsFetchNow = pending.has('FETCH_NOW') || servesFetchNow;
      log.info(
        keepsFetchNow
          ? 'STOP: no more scheduled runs (the FETCH_NOW asked for still runs)'
          : 'STOP: no more runs',
      );
      clearTimer();
      pending.delete('START');
      pending.delete('SCHEDULE');
      if (current !== undefined && !servesFetchNow) current.abort.abort();
      return Promise.resolve(true);
    }
    if (!wasStarted) {
      log.info({ intervalSeconds: interval() }, 'START: run now, then every interval');
      request('START');
      return Promise.resolve(true);
    }
    log.info({ intervalSeconds: interval() }, 'START while started: new interval');
    if (current === undefined && active)
      schedule((lastRun?.startedAt ?? now()) + interval() * 1000);
    return Promise.resolve(true);
  }

  function status(): ControllerStatus {
    return {
      active,
      desired,
      intervalSeconds: interval(),
      running:
        current === undefined
          ? undefined
          : { trigger: current.trigger, since: current.since, ...current.progress },
      waiting: [...pending],
      nextRunAt,
      lastRun,
    };
  }

  publishState();
  return { activate, deactivate, handle, status };
}
