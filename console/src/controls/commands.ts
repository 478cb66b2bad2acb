import type { CommandAccepted } from '@nobel-pipeline/schemas';
import { PATHS } from '../api/paths';
import { INTERVAL_SECONDS } from '../contract/mirrored';

export type CommandType = CommandAccepted['type'];

/** What to POST for a command, or why it cannot be sent as typed. */
export type CommandRequest = { path: string; body: Record<string, number> } | { problem: string };

/** The request of a command; START carries the interval when one was typed. */
export function commandRequest(type: CommandType, intervalText: string): CommandRequest {
  if (type === 'STOP') return { path: PATHS.stop, body: {} };
  if (type === 'FETCH_NOW') return { path: PATHS.fetch, body: {} };
  const text = intervalText.trim();
  if (text === '') return { path: PATHS.start, body: {} };
  const interval = Number(text);
  if (
    !Number.isInteger(interval) ||
    interval < INTERVAL_SECONDS.min ||
    interval > INTERVAL_SECONDS.max
  )
    return {
      problem: `The interval must be a whole number of seconds from ${INTERVAL_SECONDS.min} to ${INTERVAL_SECONDS.max}, not ${text}`,
    };
  return { path: PATHS.start, body: { intervalSeconds: interval } };
}

/** "START accepted: command 3f2a…" with the full id, so it can be found in the logs. */
export function acceptedText(accepted: CommandAccepted): string {
  const interval =
    accepted.intervalSeconds === null ? '' : ` (every ${accepted.intervalSeconds} s)`;
  return `${accepted.type} accepted: command ${accepted.commandId}${interval}`;
}
