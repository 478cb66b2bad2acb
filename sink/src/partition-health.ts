import type { Gauge } from 'prom-client';

/**
 * Which partitions are retrying a write, and since when. A partition that has retried for
 * longer than the threshold is stuck: /readyz says so, and `sink_partition_retrying_seconds`
 * shows for how long (0 when it is not retrying).
 */
export interface PartitionHealth {
  retrying(topic: string, partition: number, reason: string): void;
  recovered(topic: string, partition: number): void;
  /** One line per partition retrying for longer than the threshold. */
  stuck(): string[];
}

export function createPartitionHealth(deps: {
  stuckAfterMs: number;
  gauge: Gauge<'topic' | 'partition'>;
  now?: () => number;
}): PartitionHealth {
  const now = deps.now ?? Date.now;
  const since = new Map<string, { topic: string; partition: number; at: number; reason: string }>();
  const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

  function refresh(): void {
    for (const entry of since.values())
      deps.gauge.set(
        { topic: entry.topic, partition: String(entry.partition) },
        (now() - entry.at) / 1000,
      );
  }

  return {
    retrying(topic, partition, reason) {
      const existing = since.get(key(topic, partition));
      since.set(key(topic, partition), { topic, partition, at: existing?.at ?? now(), reason });
      refresh();
    },
    recovered(topic, partition) {
      since.delete(key(topic, partition));
      deps.gauge.set({ topic, partition: String(partition) }, 0);
    },
    stuck() {
      refresh();
      return [...since.values()]
        .filter((e) => now() - e.at > deps.stuckAfterMs)
        .map(
          (e) =>
            `${e.topic}[${e.partition}] has been retrying a write for ${Math.round((now() - e.at) / 1000)} s: ${e.reason}`,
        );
    },
  };
}
