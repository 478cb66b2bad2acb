import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SuiteReport } from './result';

/** The report as JSON, for tools and for comparing runs (written whatever the outcome). */
export function writeJsonReport(path: string, report: SuiteReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
