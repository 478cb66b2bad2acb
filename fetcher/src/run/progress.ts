import type { FetchProgress } from '../nobel/client';

/** How far the run in flight has read, over all its sources. */
export interface RunProgress {
  pagesRead: number;
  /**
   * The pages the run will read in all: the sum of its sources' estimates; null while any
   * source has none (not started, and no earlier successful run read it).
   */
  pagesTotal: number | null;
}

/** One source's part: pages read so far, and the pages it will read in all (null: unknown). */
export interface SourceProgress {
  pagesRead: number;
  pagesTotal: number | null;
}

/**
 * The pages one source will read in all: those read, and what remains of meta.count at the
 * records per page seen so far (a server may serve fewer than the limit asked for).
 */
export function estimatePages(progress: FetchProgress): number {
  const { pages, records, count } = progress;
  if (records >= count || records === 0) return pages;
  return pages + Math.ceil((count - records) / (records / pages));
}

/** A source the run has not reached yet counts with what the last successful run read of it. */
export function notStarted(previousPages: number | undefined): SourceProgress {
  return { pagesRead: 0, pagesTotal: previousPages ?? null };
}

/** A source being read, after a page. */
export function reading(progress: FetchProgress): SourceProgress {
  return { pagesRead: progress.pages, pagesTotal: estimatePages(progress) };
}

/** The run's progress: the pages of all its sources so far, of the sum of their estimates. */
export function runProgress(sources: readonly SourceProgress[]): RunProgress {
  let pagesRead = 0;
  let pagesTotal: number | null = 0;
  for (const source of sources) {
    pagesRead += source.pagesRead;
    pagesTotal =
      pagesTotal === null || source.pagesTotal === null ? null : pagesTotal + source.pagesTotal;
  }
  return { pagesRead, pagesTotal };
}
