import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Schema } from 'avsc';

/** Where the .avsc files live: `avro/<Name>/v<N>.avsc`, the highest N being the current one. */
export const AVRO_DIR = join(__dirname, '..', '..', 'avro');

export interface SchemaVersion {
  version: number;
  schema: Schema;
}

/** Every version of a contract's schema, oldest first. */
export function loadHistory(name: string, dir = AVRO_DIR): SchemaVersion[] {
  const versions = readdirSync(join(dir, name))
    .map((file) => /^v(\d+)\.avsc$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({
      version: Number(match[1]),
      schema: JSON.parse(readFileSync(join(dir, name, match[0]), 'utf8')) as Schema,
    }))
    .sort((a, b) => a.version - b.version);
  if (versions.length === 0) throw new Error(`No schema versions for ${name} in ${dir}`);
  return versions;
}

/** The names of the contracts, from the folders under avro/. */
export function contractNames(dir = AVRO_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
