import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PipelineProcesses } from '@nobel-pipeline/test-utils';

/**
 * Writes each service's output (a restarted service's: its last process's) to `<dir>/<scenario>.<time>.<service>.log` (the time: a
 * scenario may start more than one pipeline). A failure to write is said, not thrown: the
 * logs are a help, never the scenario's result.
 */
export async function keepServiceLogs(
  dir: string,
  scenario: string,
  running: PipelineProcesses['running'],
  log: (line: string) => void,
  now: Date = new Date(),
): Promise<string[]> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const written: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const [service, process] of running) {
      const file = join(dir, `${scenario}.${stamp}.${service}.log`);
      await writeFile(file, process.output());
      written.push(file);
    }
    log(`services' output kept: ${written.length} files in ${dir}`);
  } catch (error) {
    log(`could not keep the services' output in ${dir}: ${String(error)}`);
  }
  return written;
}
