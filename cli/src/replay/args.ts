import { parseInstant, parseTopic } from '../args/arguments';
import { UsageError } from '../errors';

/** Where a replay rewinds the group to, on every partition of the topic. */
export type ReplayTarget =
  | { kind: 'earliest' }
  | { kind: 'datetime'; iso: string; timestamp: number }
  | { kind: 'offset'; offset: number };

/** The options as commander hands them over: strings, flags, `follow` from `--no-follow`. */
export interface ReplayOptions {
  group?: string;
  topic?: string;
  toEarliest?: boolean;
  toDatetime?: string;
  toOffset?: string;
  dryRun?: boolean;
  waitForMembers?: string;
  follow?: boolean;
  json?: boolean;
}

export interface ReplayArgs {
  groupId: string;
  topic: string;
  target: ReplayTarget;
  dryRun: boolean;
  /** How long to wait for the group's members to leave; 0: refuse at once. */
  waitForMembersSeconds: number;
  follow: boolean;
  json: boolean;
}

/** The bounds of --wait-for-members, in seconds. */
export const WAIT_FOR_MEMBERS = { min: 1, max: 3600 } as const;

/** A whole number ≥ 0; beyond 2^53 it is "past any end" and is clamped there anyway. */
export function parseOffset(value: string): number {
  if (!/^\d+$/.test(value))
    throw new UsageError(`--to-offset: expected a whole number ≥ 0, got "${value}"`);
  return Math.min(Number(value), Number.MAX_SAFE_INTEGER);
}

function parseWait(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < WAIT_FOR_MEMBERS.min || n > WAIT_FOR_MEMBERS.max)
    throw new UsageError(
      `--wait-for-members: expected a whole number of seconds from ${WAIT_FOR_MEMBERS.min} to ${WAIT_FOR_MEMBERS.max}, got "${value}"`,
    );
  return n;
}

function parseTarget(options: ReplayOptions): ReplayTarget {
  const given = [
    options.toEarliest === true ? '--to-earliest' : undefined,
    options.toDatetime === undefined ? undefined : '--to-datetime',
    options.toOffset === undefined ? undefined : '--to-offset',
  ].filter((name) => name !== undefined);
  if (given.length !== 1)
    throw new UsageError(
      given.length === 0
        ? 'replay: say where to: --to-earliest, --to-datetime <ISO-8601> or --to-offset <n>'
        : `replay: one target only, got ${given.join(' and ')}`,
    );
  if (options.toDatetime !== undefined)
    return { kind: 'datetime', ...parseInstant('--to-datetime', options.toDatetime) };
  if (options.toOffset !== undefined)
    return { kind: 'offset', offset: parseOffset(options.toOffset) };
  return { kind: 'earliest' };
}

/** Every option checked, with a message naming the option; the defaults from the config. */
export function parseReplayArgs(
  options: ReplayOptions,
  defaults: { groupId: string; topic: string },
): ReplayArgs {
  const groupId = options.group ?? defaults.groupId;
  if (groupId.trim() === '') throw new UsageError('--group: expected a consumer group id');
  const topic = options.topic ?? defaults.topic;
  parseTopic('--topic', topic);
  const target = parseTarget(options);
  const waitForMembersSeconds = parseWait(options.waitForMembers);
  return {
    groupId,
    topic,
    target,
    dryRun: options.dryRun === true,
    waitForMembersSeconds,
    follow: options.follow !== false,
    json: options.json === true,
  };
}

/** The target in words, for the plan's heading. */
export function describeTarget(target: ReplayTarget): string {
  if (target.kind === 'earliest') return 'the earliest offsets';
  if (target.kind === 'datetime') return `the first records at or after ${target.iso}`;
  return `offset ${target.offset}`;
}
