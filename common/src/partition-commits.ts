/**
 * A group's committed offsets must only move forward. A consumer that commits a partition
 * from more than one place (the sink: after each batch it wrote, and past a batch of
 * transaction markers only, which eachBatch never sees; the fetcher: after each command, and
 * when a FETCH_NOW's run ends) has commits of one partition in flight at once, and kafkajs
 * retries each on its own: while the group's coordinator is away they can land in either
 * order. Seen in the fault suite: the sink's 1714 committed, then its 585, retried, landed
 * after it — the group then stood 1,129 records behind what the sink had written until the
 * next rebalance.
 *
 * Here each partition's commits go one after the other, in the order asked, and one that
 * would not move the offset forward (one at or below what this member has committed) is not
 * sent.
 */
export type Commit = (topic: string, partition: number, offset: string) => Promise<void>;

export interface PartitionCommits {
  /** Commits `offset` (the next record to read) once the partition's earlier commits are done. */
  commit: Commit;
  /** The highest offset this member committed for the partition, if any. */
  committed(topic: string, partition: number): bigint | undefined;
}

export function createPartitionCommits(send: Commit): PartitionCommits {
  const state = new Map<string, { done: bigint | undefined; queue: Promise<void> }>();
  const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

  function commit(topic: string, partition: number, offset: string): Promise<void> {
    const key = keyOf(topic, partition);
    const entry = state.get(key) ?? { done: undefined, queue: Promise.resolve() };
    state.set(key, entry);
    const wanted = BigInt(offset);
    const turn = entry.queue.then(async () => {
      if (entry.done !== undefined && wanted <= entry.done) return;
      await send(topic, partition, offset);
      if (entry.done === undefined || wanted > entry.done) entry.done = wanted;
    });
    // The next commit waits for this one, whether it succeeds or fails (its caller hears why).
    entry.queue = turn.catch(() => undefined);
    return turn;
  }

  return {
    commit,
    committed: (topic, partition) => state.get(keyOf(topic, partition))?.done,
  };
}
