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
 * Here each partition's commits go one after the other, in the order asked, and one is not
 * sent when it would not move the offset forward: at or below the highest offset already
 * sent for the partition in this membership, whether that one succeeded or failed (a commit
 * reported failed may still have landed: a request that timed out after the coordinator
 * wrote it). A commit is also not sent when, by its turn, the caller no longer may commit it
 * (`allowed`: the partition reassigned, the consumer stopped).
 *
 * What "this membership" means is the caller's: `reset()` when the consumer joins its group
 * again or restarts, since a new member reads from the group's committed offsets, which may
 * be lower than what the old one sent (kafkajs answers a commit asked for while its consumer
 * is stopped as done, sending nothing). A commit asked for before a reset and still waiting
 * is not sent after it.
 */
export type Commit = (topic: string, partition: number, offset: string) => Promise<void>;

export interface PartitionCommits {
  /**
   * Commits `offset` (the next record to read) once the partition's earlier commits are done;
   * resolves without sending when it would not move the offset forward or `allowed()` says no
   * by then. Rejects with the send's error.
   */
  commit(topic: string, partition: number, offset: string, allowed?: () => boolean): Promise<void>;
  /** The highest offset sent for the partition since the last reset, if any. */
  sent(topic: string, partition: number): bigint | undefined;
  /** A new membership: what was sent before no longer holds commits back. */
  reset(): void;
}

interface PartitionState {
  /** The membership the state belongs to (reset() starts a new one). */
  epoch: number;
  sent: bigint | undefined;
  queue: Promise<void>;
}

export function createPartitionCommits(send: Commit): PartitionCommits {
  const state = new Map<string, PartitionState>();
  let epoch = 0;
  const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;

  function stateOf(key: string): PartitionState {
    let entry = state.get(key);
    if (entry === undefined || entry.epoch !== epoch) {
      // The queue carries over: a send under way before a reset still finishes first.
      entry = { epoch, sent: undefined, queue: entry?.queue ?? Promise.resolve() };
      state.set(key, entry);
    }
    return entry;
  }

  function commit(
    topic: string,
    partition: number,
    offset: string,
    allowed: () => boolean = () => true,
  ): Promise<void> {
    const entry = stateOf(keyOf(topic, partition));
    const wanted = BigInt(offset);
    const turn = entry.queue.then(async () => {
      if (entry.epoch !== epoch || !allowed()) return;
      if (entry.sent !== undefined && wanted <= entry.sent) return;
      entry.sent = wanted;
      await send(topic, partition, offset);
    });
    // The next commit waits for this one, whether it succeeds or fails (its caller hears why).
    entry.queue = turn.catch(() => undefined);
    return turn;
  }

  return {
    commit,
    sent: (topic, partition) => {
      const entry = state.get(keyOf(topic, partition));
      return entry?.epoch === epoch ? entry.sent : undefined;
    },
    reset: () => {
      epoch++;
    },
  };
}
