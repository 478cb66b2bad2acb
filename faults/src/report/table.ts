import type { ScenarioResult, SuiteReport } from './result';

const HEADER = [
  'scenario',
  'result',
  'injected',
  'produced',
  'rows',
  'DLQ',
  'lost',
  'duplicated',
  'recovery',
] as const;

const NUMERIC = new Set<string>(['produced', 'rows', 'DLQ', 'lost', 'duplicated', 'recovery']);

function row(result: ScenarioResult): string[] {
  if (result.status === 'skipped')
    return [result.name, 'SKIPPED', '-', '-', '-', '-', '-', '-', '-'];
  if (result.status === 'error') return [result.name, 'ERROR', '-', '-', '-', '-', '-', '-', '-'];
  return [
    result.name,
    result.status === 'passed' ? 'passed' : 'FAILED',
    result.injected,
    String(result.produced),
    String(result.rows),
    String(result.dlq),
    String(result.lost),
    String(result.duplicated),
    result.recoverySeconds === null ? '-' : `${result.recoverySeconds.toFixed(1)} s`,
  ];
}

/** Why a scenario did not pass (or was skipped), one line per problem; none when it passed. */
function notes(result: ScenarioResult): string[] {
  if (result.status === 'skipped') return [`skipped: ${result.reason}`];
  if (result.status === 'error') return [`error: ${result.error}`];
  if (result.status === 'failed') return result.failures.map((f) => `failed: ${f}`);
  return [];
}

/** The report as the terminal shows it: a table, then the reason of each skip or failure. */
export function formatTable(report: SuiteReport): string {
  const rows = [[...HEADER], ...report.results.map(row)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => {
        const width = widths[c] ?? 0;
        return NUMERIC.has(HEADER[c] ?? '') ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const out = [
    `Fault scenarios${report.short ? ' (short)' : ''}, ${report.brokers} broker${report.brokers === 1 ? '' : 's'}, ${report.startedAt}`,
    '',
    line(rows[0] ?? []),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
  ];
  const explained = report.results.flatMap((r) => notes(r).map((n) => `  ${r.name}: ${n}`));
  if (explained.length > 0) out.push('', ...explained);
  const count = (status: ScenarioResult['status']) =>
    report.results.filter((r) => r.status === status).length;
  out.push(
    '',
    `${count('passed')} passed, ${count('failed') + count('error')} failed, ${count('skipped')} skipped`,
  );
  return `${out.join('\n')}\n`;
}
