import type { TopicSpec } from '@nobel-pipeline/common';
import type { ComponentStatus } from '../components/component';
import type { PartitionState } from '../components/partitions';

/** Rows as fixed-width columns. */
export function columns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function statusTable(statuses: readonly ComponentStatus[]): string {
  const rows = [['COMPONENT', 'STATE', 'ADDRESS', 'VERSION', 'RUN BY', 'LOG']];
  for (const s of statuses) {
    rows.push([
      s.name,
      s.up ? 'up' : 'DOWN',
      s.address,
      s.version ?? '-',
      s.owner ?? '-',
      s.log ?? '-',
    ]);
  }
  const notes = statuses
    .filter((s) => s.detail !== undefined)
    .map((s) => `  ${s.name}: ${s.detail}`);
  return columns(rows) + (notes.length > 0 ? `\n${notes.join('\n')}` : '');
}

export function topicsTable(specs: readonly TopicSpec[]): string {
  const rows = [['TOPIC', 'PARTITIONS', 'CLEANUP POLICY']];
  for (const spec of specs)
    rows.push([spec.name, String(spec.partitions), spec.compacted ? 'compact' : 'delete']);
  return columns(rows);
}

/**
 * Each partition's leader and replicas, by node name; a partition whose replicas are not all in
 * sync, or that has no leader, says so.
 */
export function partitionsTable(
  states: readonly PartitionState[],
  nodeName: (id: number) => string,
): string {
  const rows = [['TOPIC', 'PARTITION', 'LEADER', 'REPLICAS', 'IN SYNC']];
  for (const s of states) {
    const missing = s.replicas.filter((r) => !s.isr.includes(r));
    rows.push([
      s.topic,
      String(s.partition),
      s.leader < 0 ? 'NONE' : nodeName(s.leader),
      s.replicas.map(nodeName).join(','),
      missing.length === 0
        ? 'all'
        : `${s.isr.map(nodeName).join(',') || 'none'} (behind: ${missing.map(nodeName).join(',')})`,
    ]);
  }
  return columns(rows);
}
