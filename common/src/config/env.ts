import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'dotenv';

/** Environment variables as read: name → raw string value. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadEnvOptions {
  /** Where to start looking for `.env`; defaults to the working directory. */
  cwd?: string;
  /** The real environment; defaults to `process.env`. */
  processEnv?: Env;
}

export interface LoadedEnv {
  env: Env;
  /** The `.env` file that was read, if any. */
  envFile: string | undefined;
}

/**
 * Finds the `.env` file to read: `ENV_FILE` when set (it must exist), otherwise `.env` in the
 * working directory, otherwise `.env` at the root of the workspace the directory belongs to
 * (the nearest ancestor holding a package-lock.json). Stops there: never reads a `.env` of
 * some unrelated parent directory.
 */
export function findEnvFile(cwd: string, processEnv: Env): string | undefined {
  const explicit = processEnv.ENV_FILE;
  if (explicit !== undefined && explicit !== '') {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new Error(`ENV_FILE points to ${file}, which does not exist`);
    return file;
  }
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, '.env');
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, 'package-lock.json'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Reads `.env` (if there is one) under the real environment: a variable set in the
 * environment always wins over the same variable in the file. `process.env` is not modified.
 */
export function loadEnv(options: LoadEnvOptions = {}): LoadedEnv {
  const processEnv = options.processEnv ?? process.env;
  const envFile = findEnvFile(options.cwd ?? process.cwd(), processEnv);
  const fromFile = envFile === undefined ? {} : parse(readFileSync(envFile));
  return { env: { ...fromFile, ...processEnv }, envFile };
}
