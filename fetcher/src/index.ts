/**
 * What other packages may use of the fetcher without running it: its composition root and
 * configuration, and the mapping of Nobel API records to events. The service itself starts
 * from main.ts. The mirror of the Nobel API is a package of its own (@nobel-pipeline/nobel-mirror).
 */
export { createFetcher, type FetcherDeps } from './fetcher';
export { loadConfig, FETCHER_ENV, type FetcherConfig } from './config';
export { createRunPublisher, type EventBatch, type RunPublisher } from './kafka/run-publisher';
export {
  toNobelPrize,
  toSourceRecord,
  contentHash,
  prizeIdentity,
  type Provenance,
} from './nobel/map-prize';
export {
  checkAsServed,
  parseAsServed,
  sourcePrize,
  type AsServed,
  type SourcePrize,
} from './nobel/source';
export { toNobelLaureate } from './nobel/laureates/map-laureate';
export { sourceLaureateRecord, type SourceLaureateRecord } from './nobel/laureates/source-laureate';
