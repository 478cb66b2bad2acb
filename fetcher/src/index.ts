/**
 * What other packages may use of the fetcher without running it: its composition root and
 * configuration, the mapping of Nobel API records to events, and the mirror of the API with its
 * recorded snapshots (for tests and offline runs). The service itself starts from main.ts.
 */
export { createFetcher, type FetcherDeps } from './fetcher';
export { loadConfig, FETCHER_ENV, type FetcherConfig } from './config';
export {
  toNobelPrize,
  toSourceRecord,
  contentHash,
  prizeIdentity,
  type Provenance,
} from './nobel/map-prize';
export { sourcePrize, type SourcePrize } from './nobel/source';
export { createMirror, type Mirror, type MirrorOptions, type Mutation } from './mirror/server';
export {
  DEFAULT_SNAPSHOTS,
  hasDefaultSnapshot,
  loadSnapshot,
  SnapshotMissingError,
  type Endpoint,
} from './mirror/snapshot';
