import type { GroupDescription } from 'kafkajs';
import { RefusedError } from '../errors';
import { pause, type ReplayTiming } from './timing';

/** Whether a consumer group is in use: Kafka accepts new offsets only from an empty group. */
export interface GroupActivity {
  busy: boolean;
  state: string;
  members: number;
  clientIds: string[];
}

/** An unknown group (no description, or Dead) is as good as empty: nobody reads with it. */
export function groupActivity(description: GroupDescription | undefined): GroupActivity {
  const state = description?.state ?? 'Dead';
  const members = description?.members ?? [];
  return {
    busy: !(state === 'Empty' || state === 'Dead') || members.length > 0,
    state,
    members: members.length,
    clientIds: [...new Set(members.map((m) => m.clientId))].sort(),
  };
}

/** "2 active members (sink, sink)" in words, for the refusal and the waiting note. */
export function describeMembers(groupId: string, activity: GroupActivity): string {
  const who =
    activity.clientIds.length === 0 ? '' : ` (client ids: ${activity.clientIds.join(', ')})`;
  return `group ${groupId} has ${activity.members} active member(s)${who}, state ${activity.state}`;
}

export function membersRefusal(groupId: string, activity: GroupActivity, waited = 0): RefusedError {
  return new RefusedError(
    `${describeMembers(groupId, activity)}${waited > 0 ? ` after waiting ${waited} s` : ''}: Kafka moves the offsets of an empty group only — stop the sink (or pass --wait-for-members N to wait for them to leave)`,
  );
}

export interface WaitForEmptyGroupOptions {
  groupId: string;
  /** Reads the group's state now. */
  describe: () => Promise<GroupActivity>;
  /** 0: refuse at once when busy. */
  waitSeconds: number;
  timing: Pick<ReplayTiming, 'pollIntervalMs' | 'now'>;
  interrupted: Promise<void>;
  /** Said once, when the group is busy and there is time to wait. */
  onWaiting: (text: string) => void;
}

/** Returns once the group is empty; throws RefusedError when it is not within the time given. */
export async function waitForEmptyGroup(options: WaitForEmptyGroupOptions): Promise<void> {
  const { groupId, waitSeconds, timing } = options;
  const deadline = timing.now() + waitSeconds * 1000;
  let activity = await options.describe();
  if (!activity.busy) return;
  if (waitSeconds === 0) throw membersRefusal(groupId, activity);
  options.onWaiting(
    `${describeMembers(groupId, activity)}: waiting up to ${waitSeconds} s for them to leave`,
  );
  for (;;) {
    const left = deadline - timing.now();
    if (left <= 0) throw membersRefusal(groupId, activity, waitSeconds);
    if (await pause(Math.min(timing.pollIntervalMs, left), options.interrupted))
      throw new RefusedError(
        `interrupted while waiting for the members of group ${groupId} to leave: nothing was changed`,
      );
    activity = await options.describe();
    if (!activity.busy) return;
  }
}
