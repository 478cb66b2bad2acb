import { loadRedriveProgress, redriveGroupId, type CommittedOffsets } from './redrive-progress';

/** Committed offsets by group (partition 0 only), and which groups were asked. */
function committed(byGroup: Record<string, bigint>): CommittedOffsets & { asked: string[] } {
  const asked: string[] = [];
  const fetch = async (groupId: string) => {
    asked.push(groupId);
    const offset = byGroup[groupId];
    return new Map(offset === undefined ? [] : [[0, offset]]);
  };
  return Object.assign(fetch, { asked });
}

const dlqTopic = 'nobel.prizes.dlq';

describe('redriveGroupId', () => {
  it('is one group per DLQ, and one per DLQ and error class', () => {
    expect(redriveGroupId(dlqTopic)).toBe('nobel-dlq-redrive.nobel.prizes.dlq');
    expect(redriveGroupId(dlqTopic, 'ValidationError')).toBe(
      'nobel-dlq-redrive.nobel.prizes.dlq.ValidationError',
    );
  });
});

describe('loadRedriveProgress', () => {
  it('starts a first run at the beginning, with nothing done', async () => {
    const progress = await loadRedriveProgress({
      dlqTopic,
      filter: undefined,
      committed: committed({}),
    });
    expect(progress.startOf(0, 3n)).toBe(3n);
    await expect(progress.doneBy(0, 3n, 'ValidationError')).resolves.toBeUndefined();
  });

  it('starts an unfiltered run where the last one stopped, past what filtered runs did', async () => {
    const offsets = committed({
      [redriveGroupId(dlqTopic)]: 5n,
      [redriveGroupId(dlqTopic, 'ValidationError')]: 9n,
    });
    const progress = await loadRedriveProgress({ dlqTopic, filter: undefined, committed: offsets });
    expect(progress.startOf(0, 0n)).toBe(5n);
    await expect(progress.doneBy(0, 6n, 'ValidationError')).resolves.toBe(
      redriveGroupId(dlqTopic, 'ValidationError'),
    );
    await expect(progress.doneBy(0, 9n, 'ValidationError')).resolves.toBeUndefined();
    await expect(progress.doneBy(0, 6n, 'MalformedRecordError')).resolves.toBeUndefined();
    await progress.doneBy(0, 7n, 'ValidationError');
    // Each class's group is asked once.
    expect(offsets.asked.filter((g) => g.endsWith('.ValidationError'))).toHaveLength(1);
  });

  it('starts a filtered run past its own progress and past every unfiltered run', async () => {
    const filter = 'ValidationError';
    const ahead = await loadRedriveProgress({
      dlqTopic,
      filter,
      committed: committed({
        [redriveGroupId(dlqTopic)]: 5n,
        [redriveGroupId(dlqTopic, filter)]: 2n,
      }),
    });
    expect(ahead.startOf(0, 0n)).toBe(5n);
    const behind = await loadRedriveProgress({
      dlqTopic,
      filter,
      committed: committed({
        [redriveGroupId(dlqTopic)]: 1n,
        [redriveGroupId(dlqTopic, filter)]: 4n,
      }),
    });
    expect(behind.startOf(0, 0n)).toBe(4n);
    await expect(behind.doneBy(0, 4n, filter)).resolves.toBeUndefined();
  });
});
