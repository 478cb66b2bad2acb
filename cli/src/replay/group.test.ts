import type { GroupDescription, MemberDescription } from 'kafkajs';
import { RefusedError } from '../errors';
import { groupActivity, waitForEmptyGroup, type GroupActivity } from './group';

const member = (clientId: string): MemberDescription => ({
  clientId,
  clientHost: '/127.0.0.1',
  memberId: `${clientId}-1`,
  memberAssignment: Buffer.alloc(0),
  memberMetadata: Buffer.alloc(0),
});
const group = (
  state: GroupDescription['state'],
  members: MemberDescription[],
): GroupDescription => ({
  groupId: 'g',
  state,
  members,
  protocol: '',
  protocolType: 'consumer',
});

const busy = groupActivity(group('Stable', [member('sink'), member('sink'), member('other')]));
const empty = groupActivity(group('Empty', []));

describe('groupActivity', () => {
  it('is busy with members, or in any state but Empty and Dead', () => {
    expect(busy).toEqual({ busy: true, state: 'Stable', members: 3, clientIds: ['other', 'sink'] });
    expect(groupActivity(group('PreparingRebalance', [])).busy).toBe(true);
    expect(empty.busy).toBe(false);
    expect(groupActivity(group('Dead', [])).busy).toBe(false);
    expect(groupActivity(undefined)).toMatchObject({ busy: false, state: 'Dead' });
  });
});

describe('waitForEmptyGroup', () => {
  /** A clock that moves one second per read of the group, and the answers in order. */
  function fakeGroup(answers: GroupActivity[]) {
    let now = 0;
    const describe = jest.fn(async () => {
      now += 1000;
      return answers.shift() ?? busy;
    });
    return { describe, timing: { pollIntervalMs: 1, now: () => now } };
  }
  const never = new Promise<void>(() => undefined);

  it('returns at once for an empty group', async () => {
    const { describe, timing } = fakeGroup([empty]);
    const onWaiting = jest.fn();
    await waitForEmptyGroup({
      groupId: 'g',
      describe,
      waitSeconds: 0,
      timing,
      interrupted: never,
      onWaiting,
    });
    expect(onWaiting).not.toHaveBeenCalled();
  });

  it('refuses at once without --wait-for-members, naming the members', async () => {
    const { describe, timing } = fakeGroup([busy]);
    const waiting = waitForEmptyGroup({
      groupId: 'g',
      describe,
      waitSeconds: 0,
      timing,
      interrupted: never,
      onWaiting: jest.fn(),
    });
    await expect(waiting).rejects.toThrow(RefusedError);
    await expect(
      waitForEmptyGroup({
        groupId: 'g',
        describe: async () => busy,
        waitSeconds: 0,
        timing,
        interrupted: never,
        onWaiting: jest.fn(),
      }),
    ).rejects.toThrow(
      'group g has 3 active member(s) (client ids: other, sink), state Stable: Kafka moves the offsets of an empty group only — stop the sink (or pass --wait-for-members N to wait for them to leave)',
    );
  });

  it('waits until the members have left', async () => {
    const { describe, timing } = fakeGroup([busy, busy, empty]);
    const onWaiting = jest.fn();
    await waitForEmptyGroup({
      groupId: 'g',
      describe,
      waitSeconds: 10,
      timing,
      interrupted: never,
      onWaiting,
    });
    expect(describe).toHaveBeenCalledTimes(3);
    expect(onWaiting).toHaveBeenCalledWith(
      'group g has 3 active member(s) (client ids: other, sink), state Stable: waiting up to 10 s for them to leave',
    );
  });

  it('refuses once the time is up', async () => {
    const { describe, timing } = fakeGroup([]);
    await expect(
      waitForEmptyGroup({
        groupId: 'g',
        describe,
        waitSeconds: 3,
        timing,
        interrupted: never,
        onWaiting: jest.fn(),
      }),
    ).rejects.toThrow('state Stable after waiting 3 s: Kafka moves');
    expect(describe.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('stops when interrupted, having changed nothing', async () => {
    const { describe, timing } = fakeGroup([]);
    await expect(
      waitForEmptyGroup({
        groupId: 'g',
        describe,
        waitSeconds: 60,
        timing: { ...timing, pollIntervalMs: 60_000 },
        interrupted: Promise.resolve(),
        onWaiting: jest.fn(),
      }),
    ).rejects.toThrow(
      'interrupted while waiting for the members of group g to leave: nothing was changed',
    );
  });
});
