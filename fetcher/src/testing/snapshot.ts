import {
  DEFAULT_SNAPSHOTS,
  defaultSnapshotRecords,
  hasDefaultSnapshot,
} from '@nobel-pipeline/nobel-mirror';

/**
 * The real recorded responses, from ../shared/nobel-api. When they are absent the tests that
 * need them are skipped, saying so on standard error, instead of failing for the wrong reason.
 */
export const REAL_SNAPSHOT_AVAILABLE = hasDefaultSnapshot('nobelPrizes');

if (!REAL_SNAPSHOT_AVAILABLE) {
  process.stderr.write(
    `\nSKIPPING tests on the real Nobel API snapshot: ${DEFAULT_SNAPSHOTS.nobelPrizes} is absent ` +
      '(it lives in ../shared/nobel-api beside the repository).\n',
  );
}

export const describeWithSnapshot = REAL_SNAPSHOT_AVAILABLE ? describe : describe.skip;

export const realPrizes = () => defaultSnapshotRecords('nobelPrizes');

export const realLaureates = () => defaultSnapshotRecords('laureates');
