import { errorMessage } from '@nobel-pipeline/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from '@nobel-pipeline/common';
import type { FetchRun, FetchTrigger, NobelPrize, SourceRun } from '@nobel-pipeline/schemas';
import { NobelApiError, RunAbortedError } from '../errors';
import type { RunPublisher } from '../kafka/run-publisher';
import type { FetcherMetrics } from '../metrics';
import type { FetchProgress, NobelClient } from '../nobel/client';
import { toNobelPrize } from '../nobel/map-prize';
import type { PublishedHashes } from '../state/published-hashes';

/** How far the run in flight has read. */
export interface RunProgress {
  pagesRead: number;
  /** An estimate from meta.count and the records per page so far; null before the first page. */
  pagesTotal: number | null;
}

export interface Runner {
  /**
   * One run: fetch everything, publish what changed. Always resolves with its FetchRun.
   * `onProgress` hears of every page read.
   */
  run(
    trigger: FetchTrigger,
    stop: AbortSignal,
    onProgress?: (progress: RunProgress) => void,
  ): Promise<FetchRun>;
}

/**
 * The pages a run will read in all: those read, and what remains of meta.count at the records
 * per page seen so far (a server may serve fewer than the limit asked for).
 */
export function estimatePages(progress: FetchProgress): number {
  const { pages, records, count } = progress;
  if (records >= count || records === 0) return pages;
  return pages + Math.ceil((count - records) / (records / pages));
}

export interface RunnerDeps {
  client: Pick<NobelClient, 'fetchAllPrizes'>;
  publisher: Pick<RunPublisher, 'publish' | 'publishRun'>;
  hashes: PublishedHashes;
  metrics: FetcherMetrics;
  logger: Logger;
  now?: () => number;
  newId?: () => string;
}

/** The prizes source's part of a FetchRun (v2), from the run's counts. */
function sourceRun(counts: {
  pages: number;
  prizesSeen: number;
  prizesChanged: number;
  prizesMissing: number;
}): SourceRun {
  return {
    source: 'nobelPrizes',
    pages: counts.pages,
    seen: counts.prizesSeen,
    changed: counts.prizesChanged,
    missing: counts.prizesMissing,
  };
}

export function createRunner(deps: RunnerDeps): Runner {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;

  function eventsOf(
    fetched: Awaited<ReturnType<NobelClient['fetchAllPrizes']>>,
    runId: string,
  ): NobelPrize[] {
    const events = fetched.prizes.map(({ raw, prize, fetchedAt }) =>
      toNobelPrize(raw, prize, { fetchedAt, fetchRunId: runId }),
    );
    const seen = new Set<string>();
    for (const event of events) {
      if (seen.has(event.id))
        throw new NobelApiError(`the API returned prize ${event.id} twice`, {
          field: 'nobelPrizes',
        });
      seen.add(event.id);
    }
    return events;
  }

  async function run(
    trigger: FetchTrigger,
    stop: AbortSignal,
    onProgress?: (progress: RunProgress) => void,
  ): Promise<FetchRun> {
    const runId = newId();
    const startedAt = now();
    const log = deps.logger.child({ runId, trigger });
    const counts = { pages: 0, prizesSeen: 0, prizesChanged: 0, prizesMissing: 0 };
    let result: FetchRun;
    try {
      // A run that ends early records the pages it read in full.
      const fetched = await deps.client.fetchAllPrizes(stop, (progress) => {
        counts.pages = progress.pages;
        onProgress?.({ pagesRead: progress.pages, pagesTotal: estimatePages(progress) });
      });
      counts.pages = fetched.pages;
      counts.prizesSeen = fetched.prizes.length;
      const events = eventsOf(fetched, runId);
      const ids = new Set(events.map((e) => e.id));
      const missing = deps.hashes.ids().filter((id) => !ids.has(id));
      counts.prizesMissing = missing.length;
      if (missing.length > 0) {
        log.warn(
          { missing: missing.slice(0, 50), count: missing.length },
          'prizes published before are missing from the API (kept downstream)',
        );
      }
      const changed = events.filter((e) => deps.hashes.get(e.id) !== e.contentHash);
      if (stop.aborted) throw new RunAbortedError('stopped before publishing');
      result = {
        runId,
        trigger,
        startedAt,
        finishedAt: now(),
        outcome: 'SUCCEEDED',
        ...counts,
        prizesChanged: changed.length,
        sources: [sourceRun({ ...counts, prizesChanged: changed.length })],
        error: null,
      };
      await deps.publisher.publish(changed, result);
      // Only now, with the transaction committed, do these count as published.
      for (const event of changed) deps.hashes.set(event.id, event.contentHash);
      deps.metrics.prizesProduced.inc(changed.length);
      deps.metrics.lastSuccess.set(result.finishedAt / 1000);
    } catch (error) {
      const aborted = error instanceof RunAbortedError || stop.aborted;
      result = {
        runId,
        trigger,
        startedAt,
        finishedAt: now(),
        outcome: aborted ? 'ABORTED' : 'FAILED',
        ...counts,
        prizesChanged: 0,
        sources: [sourceRun({ ...counts, prizesChanged: 0 })],
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
