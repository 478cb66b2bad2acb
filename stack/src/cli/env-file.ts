import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '@nobel-pipeline/common';

/**
 * A fresh clone has `.env.example` and no `.env`. The first stack command copies one to the
 * other, so that the local database password is in a file the user owns and can change,
 * rather than in code. Returns the file it created, if any.
 */
export function ensureEnvFile(root: string, env: Env): string | undefined {
  const target = join(root, '.env');
  const example = join(root, '.env.example');
  if (env.ENV_FILE !== undefined || existsSync(target) || !existsSync(example)) return undefined;
  copyFileSync(example, target);
  return target;
}
