/**
 * The Nobel Prize API mirror: a local stand-in for api.nobelprize.org/2.1 serving the recorded
 * snapshots, with faults and data changes for tests (`npm run nobel-mirror` runs cli.ts), and
 * small made-up source records for tests that do not need the snapshot. Test and offline
 * tooling: no service depends on it in production.
 */
export { createMirror, type Mirror, type MirrorOptions } from './server';
export type { Mutation } from './mutation';
export type { FaultSpec, FaultQueue } from './faults';
export {
  DEFAULT_SNAPSHOTS,
  defaultSnapshotRecords,
  hasDefaultSnapshot,
  loadSnapshot,
  type Endpoint,
} from './snapshot';
export { SnapshotMissingError, SnapshotInvalidError } from './errors';
export { samplePrize, samplePrizes, specialSamplePrizes } from './sample-prizes';
export { sampleLaureate, sampleLaureates } from './sample-laureates';
export {
  FIRST_YEAR,
  LAST_YEAR,
  MAX_SCALE,
  parseScale,
  scaledRecordAt,
  scaleRecords,
  yearShift,
} from './scale';
export { MIRROR_CLI } from './cli-path';
