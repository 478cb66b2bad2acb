import { Session } from 'node:inspector/promises';

/**
 * Where the main thread's time goes while the sink runs: V8's sampling CPU profiler over the
 * benchmark's sink passes (`bench:sink -- --profile`), its samples summed by what ran them.
 * The database's and Kafka's own work is not here: the thread waits for them, as `(idle)`.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The parts of the work, in the order printed, and how a sampled function is put in one. */
const PARTS: [string, (url: string, name: string) => boolean][] = [
  ['waiting (idle: Kafka, MariaDB, the network)', (url, name) => url === '' && name === '(idle)'],
  ['garbage collection', (url, name) => url === '' && name === '(garbage collector)'],
  ['Kafka client (kafkajs: fetch, decompress, batches)', (url) => url.includes('/kafkajs/')],
  [
    'Avro decoding (avsc, the registry client)',
    (url) => url.includes('/avsc/') || url.includes('confluent-schema-registry'),
  ],
  ['the sink: validation, batching, the write stage', (url) => url.includes('/sink/dist/')],
  [
    'rows and statements (db: mapping, newer-wins, upserts)',
    (url) => url.includes('/db/dist/') || url.includes('/schemas/dist/'),
  ],
  ['MariaDB driver (protocol, parameters)', (url) => url.includes('/mariadb/')],
  ['Sequelize (transactions, pool)', (url) => url.includes('/sequelize/')],
  ['Node.js internals (streams, sockets, timers)', (url) => url.startsWith('node:')],
  ['V8 and native code', (url, name) => url === '' && name === '(program)'],
  ['the benchmark harness and the rest', () => true],
];

export interface ProfileShare {
  part: string;
  ms: number;
  share: number;
}

/** Sums a profile's samples into PARTS. */
export function summarizeProfile(profile: CpuProfile): ProfileShare[] {
  const partOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    partOf.set(node.id, PARTS.find(([, matches]) => matches(url, functionName))?.[0] ?? 'other');
  }
  const totals = new Map<string, number>(PARTS.map(([part]) => [part, 0]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let all = 0;
  samples.forEach((node, i) => {
    const us = deltas[i] ?? 0;
    const part = partOf.get(node) ?? 'other';
    totals.set(part, (totals.get(part) ?? 0) + us);
    all += us;
  });
  return [...totals].map(([part, us]) => ({
    part,
    ms: us / 1000,
    share: all === 0 ? 0 : us / all,
  }));
}

/** The sum of several summaries (one per profiled pass), shares of the whole. */
export function addProfiles(summaries: readonly ProfileShare[][]): ProfileShare[] {
  const ms = new Map<string, number>();
  for (const summary of summaries)
    for (const { part, ms: t } of summary) ms.set(part, (ms.get(part) ?? 0) + t);
  const all = [...ms.values()].reduce((a, b) => a + b, 0);
  return [...ms].map(([part, t]) => ({ part, ms: t, share: all === 0 ? 0 : t / all }));
}

/** Starts the profiler; the function it returns stops it and sums what it sampled. */
export async function startProfile(): Promise<() => Promise<ProfileShare[]>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    return summarizeProfile(profile);
  };
}

export function profileTable(shares: readonly ProfileShare[]): string {
  return shares
    .filter((s) => s.ms > 0)
    .map(
      (s) =>
        `  ${(s.share * 100).toFixed(1).padStart(5)} %  ${(s.ms / 1000).toFixed(2).padStart(7)} s  ${s.part}`,
    )
    .join('\n');
}
