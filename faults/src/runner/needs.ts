/**
 * What a scenario needs of the stack, and the one rule that says whether the stack offers it.
 * The runner learns the facts once (describeCluster, the stack's pids, the snapshot) and
 * skips, with the reason, every scenario whose needs are not met.
 */

export type StackServer = 'kafka' | 'registry' | 'mariadb';

export interface ScenarioNeeds {
  /** Brokers in the cluster, as describeCluster reports them (max absent: no upper bound). */
  brokers?: { min: number; max?: number };
  /** Servers the scenario stops or kills: each must be one the stack itself runs (a pid). */
  ownedServers?: readonly StackServer[];
  /** The recorded Nobel API snapshot (../shared/nobel-api), which the mirror serves. */
  snapshot?: boolean;
  /** Mounting a size-limited filesystem (tmpfs): the suite runs as root. */
  mount?: boolean;
}

export interface StackFacts {
  brokers: number;
  /** The pid of each server the stack runs; undefined for an external one. */
  pids: Record<StackServer, number | undefined>;
  snapshot: boolean;
  /** This process may mount a tmpfs. */
  canMount: boolean;
}

/** Why the scenario cannot run on this stack, or undefined when it can. */
export function unmetNeed(needs: ScenarioNeeds, facts: StackFacts): string | undefined {
  const { brokers } = needs;
  if (brokers !== undefined) {
    const range =
      brokers.max === undefined
        ? `at least ${brokers.min}`
        : brokers.max === brokers.min
          ? `exactly ${brokers.min}`
          : `${brokers.min} to ${brokers.max}`;
    if (facts.brokers < brokers.min || (brokers.max !== undefined && facts.brokers > brokers.max))
      return `needs ${range} broker${brokers.min === 1 && brokers.max === 1 ? '' : 's'}; the cluster has ${facts.brokers}`;
  }
  for (const server of needs.ownedServers ?? [])
    if (facts.pids[server] === undefined)
      return `needs a ${server} server the stack started itself (it stops it); this stack's ${server} is external (no pid)`;
  if (needs.snapshot === true && !facts.snapshot)
    return 'needs the recorded Nobel API snapshot (../shared/nobel-api), which is absent';
  if (needs.mount === true && !facts.canMount)
    return 'needs to mount a size-limited filesystem (tmpfs), which this process may not (it must run as root)';
  return undefined;
}
