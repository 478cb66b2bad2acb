import { errorMessage } from '@nobel-pipeline/common';
import { Type } from 'avsc';
import type { SchemaVersion } from '../contracts/load';

export interface CompatibilityProblem {
  /** The version whose data cannot be read... */
  writer: number;
  /** ...by this newer version. */
  reader: number;
  message: string;
}

/**
 * BACKWARD compatibility, transitively: every version must read the data every earlier version
 * wrote — a compacted topic keeps records of all of them. Versions must also run 1, 2, 3...
 */
export function backwardProblems(history: readonly SchemaVersion[]): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  history.forEach((entry, index) => {
    if (entry.version !== index + 1) {
      problems.push({
        writer: entry.version,
        reader: entry.version,
        message: `expected version ${index + 1}, found v${entry.version}`,
      });
    }
  });
  for (let r = 1; r < history.length; r++) {
    const reader = history[r];
    if (reader === undefined) continue;
    const readerType = Type.forSchema(reader.schema);
    for (let w = 0; w < r; w++) {
      const writer = history[w];
      if (writer === undefined) continue;
      try {
        readerType.createResolver(Type.forSchema(writer.schema));
      } catch (error) {
        problems.push({
          writer: writer.version,
          reader: reader.version,
          message: errorMessage(error),
        });
      }
    }
  }
  return problems;
}
