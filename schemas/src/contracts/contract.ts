import { Type, type Schema } from 'avsc';
import { loadHistory, type SchemaVersion } from './load';

/**
 * One event type: its current Avro schema (the highest version under avro/<name>/), every
 * earlier version, and the TypeScript type T the schema implies. T is only a type: the
 * generated types are checked against the schemas by a test, so the two cannot drift.
 */
export interface Contract<T> {
  /** The record's short name, e.g. `NobelPrize`. */
  readonly name: string;
  readonly version: number;
  readonly schema: Schema;
  readonly type: Type;
  readonly history: readonly SchemaVersion[];
  /** Never set: carries T for the compiler. */
  readonly valueType?: T;
}

export function loadContract<T>(name: string, dir?: string): Contract<T> {
  const history = loadHistory(name, dir);
  const current = history[history.length - 1];
  if (current === undefined) throw new Error(`No schema for ${name}`);
  return {
    name,
    version: current.version,
    schema: current.schema,
    type: Type.forSchema(current.schema),
    history,
  };
}
