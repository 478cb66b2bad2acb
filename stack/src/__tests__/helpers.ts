import { resolve } from 'node:path';
import { loadEnv } from '@nobel-pipeline/common';
import { loadStackConfig, type StackConfig } from '../config';
import { createStack, type Stack } from '../stack';

export const ROOT = resolve(__dirname, '..', '..', '..');

/** The running stack, as `npm run stack:*` sees it; progress lines are collected, not printed. */
export function runningStack(): { config: StackConfig; stack: Stack; reports: string[] } {
  const config = loadStackConfig(loadEnv({ cwd: ROOT }).env, ROOT);
  const reports: string[] = [];
  const stack = createStack(config, (component, message) =>
    reports.push(`[${component}] ${message}`),
  );
  return { config, stack, reports };
}
