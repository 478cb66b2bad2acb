import type { ReplayTarget } from './args';

/** What Kafka says of one partition: its watermarks and the group's committed offset. */
export interface PartitionPosition {
  partition: number;
  /** The first offset still on the broker (the low watermark). */
  low: number;
  /** The offset the next record will get (the high watermark). */
  high: number;
  /** The group's committed offset: the next record it reads; null: nothing committed. */
  committed: number | null;
}

export interface PlanRow {
  partition: number;
  current: number | null;
  new: number;
  end: number;
  /** Records between the new offset and the end: what the group will read (again). */
  toReplay: number;
  /** Records the group has not read yet that the new offset would jump over. */
  skips: number;
  /** Set when --to-offset was outside [low, high] and was moved to that bound. */
  clampedTo?: 'low' | 'high';
}

export interface Plan {
  topic: string;
  groupId: string;
  target: ReplayTarget;
  rows: PlanRow[];
  totalToReplay: number;
}

export interface PlanInput {
  topic: string;
  groupId: string;
  target: ReplayTarget;
  partitions: readonly PartitionPosition[];
  /** For a datetime target: the first offset at or after it, per partition (kafkajs answers
   * the end offset where no record is that recent). */
  timestampOffsets?: ReadonlyMap<number, number>;
}

const clamp = (n: number, low: number, high: number) => Math.min(Math.max(n, low), high);

/** Where the group reads next today: its commit, or (none, or deleted) the low watermark. */
export function position(p: PartitionPosition): number {
  return p.committed === null ? p.low : clamp(p.committed, p.low, p.high);
}

function newOffset(
  p: PartitionPosition,
  input: PlanInput,
): { offset: number; clampedTo?: 'low' | 'high' } {
  const { target } = input;
  if (target.kind === 'earliest') return { offset: p.low };
  if (target.kind === 'datetime')
    return { offset: clamp(input.timestampOffsets?.get(p.partition) ?? p.high, p.low, p.high) };
  if (target.offset < p.low) return { offset: p.low, clampedTo: 'low' };
  if (target.offset > p.high) return { offset: p.high, clampedTo: 'high' };
  return { offset: target.offset };
}

/** The new offset of every partition, and what moving there means. Pure: Kafka is read before. */
export function computePlan(input: PlanInput): Plan {
  const rows = [...input.partitions]
    .sort((a, b) => a.partition - b.partition)
    .map((p): PlanRow => {
      const { offset, clampedTo } = newOffset(p, input);
      return {
        partition: p.partition,
        current: p.committed,
        new: offset,
        end: p.high,
        toReplay: p.high - offset,
        skips: Math.max(0, offset - position(p)),
        ...(clampedTo === undefined ? {} : { clampedTo }),
      };
    });
  return {
    topic: input.topic,
    groupId: input.groupId,
    target: input.target,
    rows,
    totalToReplay: rows.reduce((sum, r) => sum + r.toReplay, 0),
  };
}

/** Whether applying the plan changes nothing: every partition is already where it would go. */
export function isNoop(plan: Plan): boolean {
  return plan.rows.every((r) => r.current === r.new);
}

/** Why the plan would lose data (records the group never read, jumped over), or undefined. */
export function skipProblem(plan: Plan): string | undefined {
  const skipping = plan.rows.filter((r) => r.skips > 0);
  if (skipping.length === 0) return undefined;
  const total = skipping.reduce((sum, r) => sum + r.skips, 0);
  const where = skipping
    .map((r) => `partition ${r.partition}: ${r.current ?? 'nothing committed'} → ${r.new}`)
    .join(', ');
  return `the plan would skip ${total} record(s) the group has not read yet (${where}): a replay only goes back; choose an earlier target`;
}

/** One line per clamped partition, for the person reading the plan. */
export function clampNotes(plan: Plan): string[] {
  if (plan.target.kind !== 'offset') return [];
  const asked = plan.target.offset;
  return plan.rows
    .filter((r) => r.clampedTo !== undefined)
    .map((r) =>
      r.clampedTo === 'low'
        ? `--to-offset ${asked}: partition ${r.partition} starts at ${r.new} (earlier records were deleted); clamped to ${r.new}`
        : `--to-offset ${asked}: partition ${r.partition} ends at ${r.end}; clamped to ${r.new}`,
    );
}
