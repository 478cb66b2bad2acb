import type { FetcherCommand } from './generated/types';
import { DESIRED_STATE_KEY, FETCH_NOW_KEY } from './keys';

/** The fetcher's interval bounds: at least a minute, at most a day. */
export const INTERVAL_SECONDS = { min: 60, max: 86_400 } as const;

/** The key a command travels under: the desired state, or the one-off requests. */
export function commandKey(type: FetcherCommand['type']): string {
  return type === 'FETCH_NOW' ? FETCH_NOW_KEY : DESIRED_STATE_KEY;
}

/**
 * What Avro cannot say about a command, or undefined when it is sound: the interval of a
 * START is null or within INTERVAL_SECONDS (an interval of 0 would make runs back to back),
 * STOP and FETCH_NOW carry none, and the record's key is the one its type travels under.
 * ingest-api never produces such a command; the fetcher re-checks what it reads, since anyone
 * who can write to the topic can write one.
 */
export function commandProblem(
  command: FetcherCommand,
  key: string | undefined,
): string | undefined {
  if (key !== commandKey(command.type))
    return `a ${command.type} command must be keyed ${commandKey(command.type)}, not ${key ?? '(no key)'}`;
  const interval = command.intervalSeconds;
  if (command.type !== 'START' && interval !== null)
    return `a ${command.type} command carries no intervalSeconds (got ${interval})`;
  if (interval !== null && (interval < INTERVAL_SECONDS.min || interval > INTERVAL_SECONDS.max))
    return `intervalSeconds must be from ${INTERVAL_SECONDS.min} to ${INTERVAL_SECONDS.max}, got ${interval}`;
  return undefined;
}

/** What a START or STOP asks of the fetcher; FETCH_NOW asks for no state. */
export type DesiredState =
  { state: 'STARTED'; intervalSeconds: number | null } | { state: 'STOPPED' };

/** The desired state a command sets, or undefined for FETCH_NOW. */
export function desiredStateOf(command: FetcherCommand): DesiredState | undefined {
  if (command.type === 'START')
    return { state: 'STARTED', intervalSeconds: command.intervalSeconds };
  if (command.type === 'STOP') return { state: 'STOPPED' };
  return undefined;
}

/**
 * The desired state a record of the commands topic sets, or undefined when it sets none: a key
 * other than DESIRED_STATE_KEY, a command that may not be carried out (commandProblem), a
 * FETCH_NOW. The one rule by which the fetcher restores its state and ingest-api follows it;
 * among the records that set one, the latest offset wins.
 */
export function desiredStateOfRecord(
  key: string | undefined,
  command: FetcherCommand,
): DesiredState | undefined {
  if (key !== DESIRED_STATE_KEY || commandProblem(command, key) !== undefined) return undefined;
  return desiredStateOf(command);
}
