import { runList, type FetchRunView } from '@nobel-pipeline/schemas';

/** The FetchRuns ingest-api serves (GET /runs), newest first, checked against their contract. */
export async function storedRuns(api: string): Promise<FetchRunView[]> {
  const response = await fetch(`${api}/runs?limit=100`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${api}/runs: HTTP ${response.status}`);
  return runList.parse(await response.json()).items;
}
