import { z } from 'zod';
import { runList, type FetchRunView } from '@nobel-pipeline/schemas';

/** The FetchRuns ingest-api serves (GET /runs), newest first, checked against their contract. */
export async function storedRuns(api: string): Promise<FetchRunView[]> {
  const response = await fetch(`${api}/runs?limit=100`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${api}/runs: HTTP ${response.status}`);
  return runList.parse(await response.json()).items;
}

/** The messages the fetcher logs as a run ends (fetcher/src/run/runner.ts), one per outcome. */
const RUN_ENDED = ['run succeeded', 'run aborted', 'run failed'] as const;

/** The fields of a run's last log line that are read here (the line holds more). */
const runEndLine = z.object({
  msg: z.enum(RUN_ENDED),
  runId: z.string(),
  outcome: z.string(),
  startedAt: z.number(),
  durationMs: z.number(),
});

/** A run as the fetcher logged its end: from its start to the end of its publishing. */
export interface LoggedRun {
  runId: string;
  outcome: string;
  startedAt: number;
  /** startedAt + the duration the fetcher measured after publishing. */
  endedAt: number;
}

/**
 * The runs in a fetcher's standard output (its JSON log lines, LOG_LEVEL info or lower). A
 * FetchRun's finishedAt is taken before its own transaction, since it travels in it; the
 * logged duration includes that publishing, so these intervals are the ones in which two runs
 * must never meet. Lines that are not JSON, or not a run's end, are skipped.
 */
export function runsInLog(stdout: string): LoggedRun[] {
  const runs: LoggedRun[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = runEndLine.safeParse(entry);
    if (!parsed.success) continue;
    const { runId, outcome, startedAt, durationMs } = parsed.data;
    runs.push({ runId, outcome, startedAt, endedAt: startedAt + durationMs });
  }
  return runs;
}
