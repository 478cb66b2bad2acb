import { join } from 'node:path';
import { contractNames, loadHistory } from '../contracts/load';
import { generateTypes } from './typescript';

export const GENERATED_FILE = join(__dirname, '..', '..', 'src', 'generated', 'types.ts');

const HEADER = `// Generated from the current version of each schema under schemas/avro/ by
// \`npm run generate -w schemas\`. Do not edit: change the .avsc, then regenerate.
// A unit test fails when this file and the schemas disagree.`;

/** The content the generated types file must have for the current schemas. */
export function generatedTypes(): string {
  const schemas = contractNames().map((name) => {
    const history = loadHistory(name);
    const current = history[history.length - 1];
    if (current === undefined) throw new Error(`No schema for ${name}`);
    return current.schema;
  });
  return generateTypes(schemas, HEADER);
}
