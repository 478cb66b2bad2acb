import type { Admin } from 'kafkajs';

export const REDRIVE_GROUP_PREFIX = 'nobel-dlq-redrive';

/**
 * The consumer group in which a redrive records how far it went: `nobel-dlq-redrive.<dlq>`,
 * plus `.<error class>` with --filter. A filtered run has a group of its own because it passes
 * over the records of other classes without publishing them: committed in the DLQ's group,
 * its offsets would hide those records from every later run. Its group says instead "every
 * record of this class below here is done" — which the other runs read (see `doneBy`), so a
 * record is published once whichever runs, filtered or not, come after each other.
 */
export function redriveGroupId(dlqTopic: string, filter?: string, redriven = false): string {
  // --include-redriven is a track of its own: the records that came back after a redrive,
  // which the main track passed over (see redrive-plan's failed-again), each published once.
  if (redriven) return `${REDRIVE_GROUP_PREFIX}.${dlqTopic}.redriven`;
  return filter === undefined
    ? `${REDRIVE_GROUP_PREFIX}.${dlqTopic}`
    : `${REDRIVE_GROUP_PREFIX}.${dlqTopic}.${filter}`;
}

/** A group's committed offsets on the DLQ (the next offset to read), by partition. */
export type CommittedOffsets = (groupId: string) => Promise<Map<number, bigint>>;

export function committedOffsetsOf(admin: Admin, dlqTopic: string): CommittedOffsets {
  return async (groupId) => {
    const [topic] = await admin.fetchOffsets({ groupId, topics: [dlqTopic] });
    const offsets = new Map<number, bigint>();
    // -1: nothing committed (or no such group).
    for (const { partition, offset } of topic?.partitions ?? [])
      if (BigInt(offset) >= 0n) offsets.set(partition, BigInt(offset));
    return offsets;
  };
}

/** What earlier redrives of the DLQ did. */
export interface RedriveProgress {
  /** Where this run starts in the partition: past what its group, or an unfiltered run, did. */
  startOf(partition: number, low: bigint): bigint;
  /** The group of the earlier run that redrove this record already, if one did. */
  doneBy(partition: number, offset: bigint, errorClass: string | null): Promise<string | undefined>;
}

const max = (...values: bigint[]) => values.reduce((a, b) => (b > a ? b : a));

export async function loadRedriveProgress(deps: {
  dlqTopic: string;
  filter: string | undefined;
  /** The --include-redriven track: only its own group's progress counts. */
  redriven?: boolean;
  committed: CommittedOffsets;
}): Promise<RedriveProgress> {
  const { dlqTopic, filter, committed } = deps;
  if (deps.redriven === true) {
    const own = await committed(redriveGroupId(dlqTopic, undefined, true));
    return {
      startOf: (partition, low) => max(low, own.get(partition) ?? low),
      doneBy: async () => undefined,
    };
  }
  const all = redriveGroupId(dlqTopic);
  const allDone = await committed(all);
  const ownDone =
    filter === undefined ? allDone : await committed(redriveGroupId(dlqTopic, filter));
  // Unfiltered runs ask, per error class met, how far a run filtered on it went.
  const classDone = new Map<string, Promise<Map<number, bigint>>>();
  const doneFor = (errorClass: string) => {
    let done = classDone.get(errorClass);
    if (done === undefined) {
      done = committed(redriveGroupId(dlqTopic, errorClass));
      classDone.set(errorClass, done);
    }
    return done;
  };

  return {
    startOf: (partition, low) =>
      max(low, allDone.get(partition) ?? low, ownDone.get(partition) ?? low),
    async doneBy(partition, offset, errorClass) {
      if ((allDone.get(partition) ?? -1n) > offset) return all;
      if (filter !== undefined || errorClass === null) return undefined;
      const group = redriveGroupId(dlqTopic, errorClass);
      return ((await doneFor(errorClass)).get(partition) ?? -1n) > offset ? group : undefined;
    },
  };
}
