import { errorMessage } from '@nobel-pipeline/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from '@nobel-pipeline/common';
import type { FetchRun, FetchTrigger, SourceRun } from '@nobel-pipeline/schemas';
import { NobelApiError, RunAbortedError } from '../errors';
import type { RunPublisher } from '../kafka/run-publisher';
import type { FetcherMetrics } from '../metrics';
import type { NobelClient } from '../nobel/client';
import { nobelPrizesSource } from '../sources/nobel-prizes';
import type { Source, SourceEvent } from '../sources/source';
import type { SourceHashes } from '../state/published-hashes';
import {
  notStarted,
  reading,
  runProgress,
  type RunProgress,
  type SourceProgress,
} from './progress';

export type { RunProgress } from './progress';

export interface Runner {
  /**
   * One run: fetch every source, publish what changed. Always resolves with its FetchRun.
   * `onProgress` hears of every page read.
   */
  run(
    trigger: FetchTrigger,
    stop: AbortSignal,
    onProgress?: (progress: RunProgress) => void,
  ): Promise<FetchRun>;
}

export interface RunnerDeps {
  client: Pick<NobelClient, 'withRun'>;
  /** Read in this order, every run. */
  sources: readonly Source[];
  publisher: Pick<RunPublisher, 'publish' | 'publishRun'>;
  hashes: SourceHashes;
  metrics: FetcherMetrics;
  logger: Logger;
  now?: () => number;
  newId?: () => string;
}

/** One source in a run: its counts so far, its progress, and what it read. */
interface SourceInRun {
  source: Source;
  counts: SourceRun;
  progress: SourceProgress;
  events: SourceEvent[];
  changed: SourceEvent[];
}

/**
 * A FetchRun's counts: v1's fields keep their meaning (pages: every page the run read; prizes*:
 * the nobelPrizes source), and `sources` has each source's own, in the order they were read.
 */
function runCounts(
  sources: readonly SourceRun[],
): Pick<FetchRun, 'pages' | 'prizesSeen' | 'prizesChanged' | 'prizesMissing' | 'sources'> {
  const prizes = sources.find((s) => s.source === nobelPrizesSource.name);
  return {
    pages: sources.reduce((sum, s) => sum + s.pages, 0),
    prizesSeen: prizes?.seen ?? 0,
    prizesChanged: prizes?.changed ?? 0,
    prizesMissing: prizes?.missing ?? 0,
    sources: sources.map((s) => ({ ...s })),
  };
}

/** A source's events, refused when the API returned one id twice. */
function checkUnique(source: Source, events: readonly SourceEvent[]): void {
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id))
      throw new NobelApiError(`the API returned ${source.noun} ${event.id} twice`, {
        field: source.name,
      });
    seen.add(event.id);
  }
}

export function createRunner(deps: RunnerDeps): Runner {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  /** Pages per source of the last successful run: the estimate of a source not reached yet. */
  const previousPages = new Map<string, number>();

  async function run(
    trigger: FetchTrigger,
    stop: AbortSignal,
    onProgress?: (progress: RunProgress) => void,
  ): Promise<FetchRun> {
    const runId = newId();
    const startedAt = now();
    const log = deps.logger.child({ runId, trigger });
    const inRun: SourceInRun[] = deps.sources.map((source) => ({
      source,
      counts: { source: source.name, pages: 0, seen: 0, changed: 0, missing: 0 },
      progress: notStarted(previousPages.get(source.name)),
      events: [],
      changed: [],
    }));
    const report = () => onProgress?.(runProgress(inRun.map((s) => s.progress)));
    let result: FetchRun;
    try {
      // Every source in one run, in the order listed (nobelPrizes, then laureates), under one
      // deadline: a run is one consistent snapshot of the API, published in one transaction,
      // so that readers see every source's changes with the run's FetchRun, or none of them.
      // The prizes come first: the laureates' records name their prizes, and the FetchRun's
      // v1 counts are the prizes'.
      await deps.client.withRun(stop, async (reader) => {
        for (const current of inRun) {
          // A run that ends early records the pages it read in full.
          const read = await current.source.read(reader, runId, (progress) => {
            current.counts.pages = progress.pages;
            current.progress = reading(progress);
            report();
          });
          current.counts.pages = read.pages;
          current.progress = { pagesRead: read.pages, pagesTotal: read.pages };
          current.counts.seen = read.events.length;
          current.events = read.events;
        }
      });
      for (const current of inRun) {
        const { source, events, counts } = current;
        checkUnique(source, events);
        const hashes = deps.hashes.of(source.name);
        const ids = new Set(events.map((e) => e.id));
        const missing = hashes.ids().filter((id) => !ids.has(id));
        counts.missing = missing.length;
        if (missing.length > 0) {
          log.warn(
            { source: source.name, missing: missing.slice(0, 50), count: missing.length },
            `${source.noun}s published before are missing from the API (kept downstream)`,
          );
        }
        current.changed = events.filter((e) => hashes.get(e.id) !== e.contentHash);
      }
      if (stop.aborted) throw new RunAbortedError('stopped before publishing');
      result = {
        runId,
        trigger,
        startedAt,
        finishedAt: now(),
        outcome: 'SUCCEEDED',
        ...runCounts(inRun.map((s) => ({ ...s.counts, changed: s.changed.length }))),
        error: null,
      };
      await deps.publisher.publish(
        inRun.map((s) => ({ topic: s.source.topic, events: s.changed })),
        result,
      );
      // Only now, with the transaction committed, do these count as published.
      for (const { source, changed, counts } of inRun) {
        const hashes = deps.hashes.of(source.name);
        for (const event of changed) hashes.set(event.id, event.contentHash);
        previousPages.set(source.name, counts.pages);
        deps.metrics.eventsProduced.inc({ source: source.name }, changed.length);
        if (source.name === nobelPrizesSource.name) deps.metrics.prizesProduced.inc(changed.length);
      }
      deps.metrics.lastSuccess.set(result.finishedAt / 1000);
    } catch (error) {
      const aborted = error instanceof RunAbortedError || stop.aborted;
      result = {
        runId,
        trigger,
        startedAt,
        finishedAt: now(),
        outcome: aborted ? 'ABORTED' : 'FAILED',
        ...runCounts(inRun.map((s) => ({ ...s.counts, changed: 0 }))),
        error: errorMessage(error),
      };
      try {
        await deps.publisher.publishRun(result);
      } catch (publishError) {
        log.error(
          { err: publishError },
          'could not publish the FetchRun of a run that did not succeed',
        );
      }
    }
    // The FetchRun travels in the run's transaction, so its finishedAt is taken just before
    // publishing; the duration measured here includes the publishing.
    const durationMs = now() - startedAt;
    deps.metrics.runs.inc({ trigger, outcome: result.outcome });
    deps.metrics.runDuration.observe({ outcome: result.outcome }, durationMs / 1000);
    const { runId: _runId, trigger: _trigger, ...fields } = result;
    const line = { ...fields, durationMs };
    if (result.outcome === 'SUCCEEDED') log.info(line, 'run succeeded');
    else if (result.outcome === 'ABORTED') log.warn(line, 'run aborted');
    else log.error(line, 'run failed');
    return result;
  }

  return { run };
}
