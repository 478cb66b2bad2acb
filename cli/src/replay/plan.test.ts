import { clampNotes, computePlan, isNoop, position, skipProblem, type PlanInput } from './plan';

const partitions = [
  { partition: 1, low: 0, high: 60, committed: 60 },
  { partition: 0, low: 10, high: 100, committed: 100 },
];
const input = (target: PlanInput['target'], extra: Partial<PlanInput> = {}): PlanInput => ({
  topic: 't',
  groupId: 'g',
  target,
  partitions,
  ...extra,
});

describe('computePlan', () => {
  it('rewinds to the low watermarks for earliest, in partition order', () => {
    const plan = computePlan(input({ kind: 'earliest' }));
    expect(plan.rows).toEqual([
      { partition: 0, current: 100, new: 10, end: 100, toReplay: 90, skips: 0 },
      { partition: 1, current: 60, new: 0, end: 60, toReplay: 60, skips: 0 },
    ]);
    expect(plan.totalToReplay).toBe(150);
  });

  it('takes the offsets found by timestamp; a partition without any is at its end', () => {
    const plan = computePlan(
      input({ kind: 'datetime', iso: 'x', timestamp: 1 }, { timestampOffsets: new Map([[0, 70]]) }),
    );
    expect(plan.rows.map((r) => [r.new, r.toReplay])).toEqual([
      [70, 30],
      [60, 0],
    ]);
  });

  it('clamps --to-offset into [low, high] and says so', () => {
    const low = computePlan(input({ kind: 'offset', offset: 5 }));
    expect(low.rows.map((r) => [r.new, r.clampedTo])).toEqual([
      [10, 'low'],
      [5, undefined],
    ]);
    expect(clampNotes(low)).toEqual([
      '--to-offset 5: partition 0 starts at 10 (earlier records were deleted); clamped to 10',
    ]);
    const high = computePlan(input({ kind: 'offset', offset: 80 }));
    expect(high.rows.map((r) => [r.new, r.clampedTo])).toEqual([
      [80, undefined],
      [60, 'high'],
    ]);
    expect(clampNotes(high)).toEqual(['--to-offset 80: partition 1 ends at 60; clamped to 60']);
    expect(clampNotes(computePlan(input({ kind: 'earliest' })))).toEqual([]);
  });

  it('counts the unread records a forward move would skip', () => {
    const behind = [{ partition: 0, low: 0, high: 100, committed: 40 }];
    const plan = computePlan(input({ kind: 'offset', offset: 70 }, { partitions: behind }));
    expect(plan.rows[0]?.skips).toBe(30);
    expect(skipProblem(plan)).toBe(
      'the plan would skip 30 record(s) the group has not read yet (partition 0: 40 → 70): a replay only goes back; choose an earlier target',
    );
    expect(skipProblem(computePlan(input({ kind: 'earliest' })))).toBeUndefined();
  });

  it('treats a group without commits as reading from the low watermark', () => {
    const fresh = [{ partition: 0, low: 5, high: 9, committed: null }];
    const plan = computePlan(input({ kind: 'offset', offset: 7 }, { partitions: fresh }));
    expect(plan.rows[0]).toMatchObject({ current: null, new: 7, skips: 2 });
    expect(skipProblem(plan)).toContain('partition 0: nothing committed → 7');
  });
});

describe('position', () => {
  it('is the commit inside the watermarks, else the nearest bound', () => {
    expect(position({ partition: 0, low: 5, high: 9, committed: 7 })).toBe(7);
    expect(position({ partition: 0, low: 5, high: 9, committed: 2 })).toBe(5);
    expect(position({ partition: 0, low: 5, high: 9, committed: null })).toBe(5);
  });
});

it('knows a plan that changes nothing', () => {
  expect(isNoop(computePlan(input({ kind: 'offset', offset: 1000 })))).toBe(true);
  expect(isNoop(computePlan(input({ kind: 'earliest' })))).toBe(false);
});
