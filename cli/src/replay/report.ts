import type { PartitionLag } from '@nobel-pipeline/common';
import { duration, table } from '../output/table';
import { describeTarget } from './args';
import type { Plan } from './plan';
import { describeCounts, type RowCounts, type RowCountsResult } from './row-counts';

export const NEWER_WINS =
  'newer-wins: a replay never duplicates or regresses rows (stale events are skipped)';

const planColumns = [
  { key: 'partition', title: 'PARTITION', align: 'right' },
  { key: 'current', title: 'CURRENT', align: 'right' },
  { key: 'new', title: 'NEW', align: 'right' },
  { key: 'end', title: 'END', align: 'right' },
  { key: 'toReplay', title: 'TO REPLAY', align: 'right' },
] as const;

/** Why the counts are missing: the first of the two reads that failed. */
function missingReason(...results: RowCountsResult[]): string | undefined {
  for (const r of results) if (!r.ok) return r.reason;
  return undefined;
}

/** The plan as a person reads it: a heading, a row per partition, the total, the rows now. */
export function planText(plan: Plan, counts: RowCountsResult): string {
  return [
    `Replay of group ${plan.groupId} on ${plan.topic}, to ${describeTarget(plan.target)}:`,
    table(
      // A plain copy of each row: table() takes records, an interface has no index signature.
      plan.rows.map((r) => ({ ...r })),
      planColumns,
    ),
    `total to replay: ${plan.totalToReplay} record(s)`,
    counts.ok
      ? `rows now: ${describeCounts(counts.counts)}`
      : `row counts unavailable: ${counts.reason}`,
  ].join('\n');
}

/** The plan as one JSON line. */
export function planJson(plan: Plan, counts: RowCountsResult, dryRun: boolean): string {
  return JSON.stringify({
    type: 'plan',
    groupId: plan.groupId,
    topic: plan.topic,
    target: plan.target,
    dryRun,
    partitions: plan.rows,
    totalToReplay: plan.totalToReplay,
    rowCounts: counts.ok ? counts.counts : null,
    ...(counts.ok ? {} : { rowCountsUnavailable: counts.reason }),
  });
}

/** Records read again: from each partition's new offset to where the group has committed now. */
export function replayedCount(plan: Plan, lags: readonly PartitionLag[]): number {
  return plan.rows.reduce((sum, row) => {
    const committed = Number(lags.find((l) => l.partition === row.partition)?.committed ?? -1);
    return sum + Math.max(0, committed - row.new);
  }, 0);
}

export interface Summary {
  plan: Plan;
  replayed: number;
  tookMs: number;
  before: RowCountsResult;
  after: RowCountsResult;
}

function rowsLine(before: RowCountsResult, after: RowCountsResult): string {
  if (before.ok && after.ok) return `rows: ${describeCounts(before.counts, after.counts)}`;
  const known = before.ok ? ` (before: ${describeCounts(before.counts)})` : '';
  return `row counts unavailable: ${missingReason(before, after) ?? ''}${known}`;
}

export function summaryText(s: Summary): string {
  return [
    `replayed ${s.replayed} record(s) of ${s.plan.topic} for group ${s.plan.groupId} in ${duration(s.tookMs)}`,
    rowsLine(s.before, s.after),
    NEWER_WINS,
  ].join('\n');
}

export function summaryJson(s: Summary): string {
  const counts = (c: RowCountsResult): RowCounts | null => (c.ok ? c.counts : null);
  const reason = missingReason(s.before, s.after);
  return JSON.stringify({
    type: 'summary',
    groupId: s.plan.groupId,
    topic: s.plan.topic,
    replayed: s.replayed,
    tookMs: Math.round(s.tookMs),
    rowsBefore: counts(s.before),
    rowsAfter: counts(s.after),
    ...(reason === undefined ? {} : { rowCountsUnavailable: reason }),
    note: NEWER_WINS,
  });
}
