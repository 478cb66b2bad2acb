import type { TopicSpec } from '@nobel-pipeline/common';
import type { ComponentStatus } from '../components/component';

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
