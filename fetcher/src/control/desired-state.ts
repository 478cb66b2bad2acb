import type { Logger } from '@nobel-pipeline/common';
import { isRetriable } from '@nobel-pipeline/common';
import {
  commandProblem,
  DESIRED_STATE_KEY,
  desiredStateOf,
  desiredStateOfRecord,
  type Decoder,
  type DesiredState,
  type FetcherCommand,
} from '@nobel-pipeline/schemas';
import type { TopicRecord } from '../kafka/read-to-end';

export type { DesiredState };

export interface RestoredState {
  desired: DesiredState;
  /** Offset of the record it came from; START/STOP at or before it are already applied. */
  offset: bigint;
  /** Partition of that record (-1: no record, stopped by default). */
  partition: number;
  /**
   * No instance has handled that record yet: it lies at or after the group's committed
   * offset (a START sent while no fetcher owned the partition). Its run is then a START run.
   */
  unhandled?: boolean;
}

export { desiredStateOf };

/**
 * The desired state, from the commands topic: the latest valid START or STOP (key `fetcher`).
 * Nothing there means stopped. A record that can never be read, or asks for what may not be
 * (an interval of 0), is passed over (the consumer sets it aside on the DLQ); a record that
 * cannot be read yet (the registry unreachable) fails the restore, which is tried again — an
 * older state is never taken for the current one.
 */
export async function desiredStateFromRecords(
  records: readonly TopicRecord[],
  decoder: Decoder<FetcherCommand>,
  logger: Logger,
): Promise<RestoredState> {
  let restored: RestoredState = { desired: { state: 'STOPPED' }, offset: -1n, partition: -1 };
  for (const { message, offset, partition } of records) {
    if (message.key?.toString() !== DESIRED_STATE_KEY || message.value === null) continue;
    let command: FetcherCommand;
    try {
      command = await decoder.decode(message.value);
    } catch (error) {
      if (isRetriable(error)) throw error;
      logger.error(
        { err: error, offset },
        'an unreadable command on the commands topic is passed over',
      );
      continue;
    }
    const problem = commandProblem(command, message.key?.toString());
    if (problem !== undefined) {
      logger.error({ offset, problem }, 'a command that may not be carried out is passed over');
      continue;
    }
    const desired = desiredStateOfRecord(message.key?.toString(), command);
    if (desired !== undefined && BigInt(offset) > restored.offset)
      restored = { desired, offset: BigInt(offset), partition };
  }
  return restored;
}
