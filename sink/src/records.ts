import type { KafkaMessage } from 'kafkajs';
import { isProgrammerError, isRetriable } from '@nobel-pipeline/common';
import {
  laureateRows,
  prizeRows,
  runRows,
  type LaureateRows,
  type PrizeRows,
  type RunRows,
} from '@nobel-pipeline/db';
import type { Decoder, FetchRun, NobelLaureate, NobelPrize } from '@nobel-pipeline/schemas';
import { validateLaureate, validatePrize, validateRun } from './validate';

/** What one record of a batch turned out to be. */
export type Decoded =
  | { kind: 'prize'; key: string; offset: string; message: KafkaMessage; rows: PrizeRows }
  | { kind: 'run'; key: string; offset: string; message: KafkaMessage; row: RunRows }
  | { kind: 'laureate'; key: string; offset: string; message: KafkaMessage; laureate: LaureateRows }
  | { kind: 'invalid'; message: KafkaMessage; error: Error };

/** A record ready for the database. */
export type Writable = Exclude<Decoded, { kind: 'invalid' }>;

export interface RecordDecoders {
  prizes: { topic: string; decoder: Decoder<NobelPrize> };
  runs: { topic: string; decoder: Decoder<FetchRun> };
  laureates: { topic: string; decoder: Decoder<NobelLaureate> };
}

/**
 * Decode → validate → rows, for one record. A record that cannot be decoded or validated is
 * `invalid` (for the DLQ) — unless the registry could not be asked, which is not the record's
 * fault: that error is thrown, and the batch is tried again.
 */
export async function decodeRecord(
  topic: string,
  message: KafkaMessage,
  decoders: RecordDecoders,
  now: Date,
): Promise<Decoded> {
  const key = message.key?.toString();
  try {
    if (topic === decoders.prizes.topic) {
      const event = await decoders.prizes.decoder.decode(message.value);
      validatePrize(event, key, now);
      return {
        kind: 'prize',
        key: event.id,
        offset: message.offset,
        message,
        rows: prizeRows(event, now),
      };
    }
    if (topic === decoders.laureates.topic) {
      const event = await decoders.laureates.decoder.decode(message.value);
      validateLaureate(event, key, now);
      return {
        kind: 'laureate',
        key: event.id,
        offset: message.offset,
        message,
        laureate: laureateRows(event, now),
      };
    }
    const run = await decoders.runs.decoder.decode(message.value);
    validateRun(run, key);
    return {
      kind: 'run',
      key: run.runId,
      offset: message.offset,
      message,
      row: runRows(run, now),
    };
  } catch (error) {
    // The registry unreachable is not the record's fault, nor is a bug of ours: both are thrown.
    if (isRetriable(error) || isProgrammerError(error)) throw error;
    return {
      kind: 'invalid',
      message,
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
}

/**
 * When a record's version was read from the source: the newer-wins time of a prize or laureate
 * event (a FetchRun has none: its versions go by offset).
 */
export function versionTime(record: Writable): number {
  if (record.kind === 'prize') return record.rows.prize.fetchedAt.getTime();
  if (record.kind === 'laureate') return record.laureate.detail.fetchedAt.getTime();
  return -Infinity;
}

/**
 * Orders two versions of one key, oldest first: by their newer-wins time, then by offset. The
 * newest is what the tables keep — also when an older record comes after it on the topic (a
 * redriven dead letter, a second producer).
 */
export function byVersion(a: Writable, b: Writable): number {
  const time = versionTime(a) - versionTime(b);
  if (time !== 0 && !Number.isNaN(time)) return time;
  return BigInt(a.offset) < BigInt(b.offset) ? -1 : BigInt(a.offset) > BigInt(b.offset) ? 1 : 0;
}
