/** Rows as an aligned text table with a header line; cells are stringified, null as '-'. */
export function table<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  columns: readonly { key: keyof Row & string; title: string; align?: 'right' }[],
): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '-' : String(value));
  const cells = rows.map((row) => columns.map((c) => cell(row[c.key])));
  const widths = columns.map((c, i) =>
    Math.max(c.title.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  const render = (values: string[]) =>
    values
      .map((v, i) =>
        columns[i]?.align === 'right' ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [render(columns.map((c) => c.title)), ...cells.map(render)].join('\n');
}

/** A duration in words a person reads at a glance: 850 ms, 12.3 s, 4 min 05 s, 2 h 03 min. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
