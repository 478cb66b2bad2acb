import type { KafkaMessage } from 'kafkajs';
import { RetryStoppedError } from '@nobel-pipeline/common';
import {
  asDatabaseError,
  NOTHING_WRITTEN,
  prizeRows,
  type PrizeWriter,
  type WriteBatch,
  type WriteResult,
} from '@nobel-pipeline/db';
import { syntheticPrizes } from '@nobel-pipeline/test-utils';
import type { Writable } from './records';
import {
  keyRanges,
  MIN_RECORDS_PER_WRITER,
  writeRecords,
  type WriteStageDeps,
} from './write-stage';

const now = new Date('2026-01-01T00:00:00Z');

/** `n` prize records with distinct keys, in an order that is not the keys' (offsets 0…n-1). */
function records(n: number): Writable[] {
  return syntheticPrizes(n).map((event, i) => ({
    kind: 'prize' as const,
    key: event.id,
    offset: String(i),
    message: { offset: String(i) } as KafkaMessage, // only its offset is read here
    rows: prizeRows(event, now),
  }));
}

const keysOf = (batch: WriteBatch) => batch.prizes.map((p) => p.prize.id);

const written = (batch: WriteBatch): WriteResult => ({
  ...NOTHING_WRITTEN,
  prizes: batch.prizes.length,
});

function deps(writer: PrizeWriter, writers: number): WriteStageDeps {
  return {
    // What the real writer throws: a DatabaseError that says whether it may pass.
    writer: {
      write: (batch) =>
        writer.write(batch).catch((error: unknown) => {
          throw asDatabaseError(error);
        }),
    },
    retry: { initialMs: 1, maxMs: 2 },
    onDbError: () => undefined,
    onRefused: () => undefined,
    writers,
  };
}

describe('keyRanges', () => {
  it('cuts the records, in key order, into ranges of consecutive keys', () => {
    const all = records(4 * MIN_RECORDS_PER_WRITER + 3);
    const ranges = keyRanges(all, 4);
    expect(ranges).toHaveLength(4);
    const keys = ranges.flat().map((r) => r.key);
    expect(keys).toEqual(all.map((r) => r.key).sort());
    // Every range ends before the next begins, and they differ in length by one at most.
    for (let i = 1; i < ranges.length; i++)
      expect((ranges[i - 1]?.at(-1)?.key ?? '') < (ranges[i]?.[0]?.key ?? '')).toBe(true);
    const lengths = ranges.map((r) => r.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(
      Math.ceil(all.length / 4) - Math.floor(all.length / 4),
    );
  });

  it('makes no range shorter than MIN_RECORDS_PER_WRITER unless the records are', () => {
    expect(keyRanges(records(2 * MIN_RECORDS_PER_WRITER - 1), 3)).toHaveLength(1);
    expect(keyRanges(records(2 * MIN_RECORDS_PER_WRITER), 3)).toHaveLength(2);
    expect(keyRanges(records(5), 3)).toHaveLength(1);
    expect(keyRanges([], 3)).toEqual([]);
  });

  it('makes ranges as even as can be, so that none is shorter than the minimum', () => {
    const lengths = (n: number, writers: number) =>
      keyRanges(records(n), writers).map((r) => r.length);
    expect(lengths(3 * MIN_RECORDS_PER_WRITER + 1, 3)).toEqual([51, 50, 50]);
    expect(lengths(16 * MIN_RECORDS_PER_WRITER + 17, 16).every((n) => n >= 51)).toBe(true);
    expect(lengths(16 * MIN_RECORDS_PER_WRITER + 17, 16)).toHaveLength(16);
  });

  it('refuses a number of writers that would write nothing', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => keyRanges(records(3), bad)).toThrow(TypeError);
  });

  it('keeps one range for one writer, however many records', () => {
    expect(keyRanges(records(10 * MIN_RECORDS_PER_WRITER), 1)).toHaveLength(1);
  });
});

describe('writeRecords with several writers', () => {
  it('writes the ranges at the same time, each in a transaction of its own, and adds up what they wrote', async () => {
    const all = records(3 * MIN_RECORDS_PER_WRITER);
    const open: string[][] = [];
    let inFlight = 0;
    let mostAtOnce = 0;
    const release: (() => void)[] = [];
    const writer: PrizeWriter = {
      write: async (batch) => {
        open.push(keysOf(batch));
        mostAtOnce = Math.max(mostAtOnce, ++inFlight);
        // Held until all three are open: with one at a time, this would never finish.
        await new Promise<void>((resolve) => {
          release.push(resolve);
          if (release.length === 3) release.forEach((r) => r());
        });
        inFlight--;
        return written(batch);
      },
    };
    const result = await writeRecords(all, deps(writer, 3));
    expect(open).toHaveLength(3);
    expect(mostAtOnce).toBe(3);
    expect(open.flat().sort()).toEqual(all.map((r) => r.key).sort());
    expect(result.written.prizes).toBe(all.length);
    expect(result.refused).toEqual([]);
  });

  it('finds a refused record within its own range, while the other ranges are written', async () => {
    const all = records(2 * MIN_RECORDS_PER_WRITER);
    const poison = all[7]?.key;
    const stored: string[] = [];
    const writer: PrizeWriter = {
      write: async (batch) => {
        if (keysOf(batch).includes(poison ?? ''))
          // What MariaDB answers for a DATETIME it cannot hold: not retriable.
          throw Object.assign(new Error("Incorrect datetime value: '11476-8-15'"), {
            parent: { errno: 1292, code: 'ER_TRUNCATED_WRONG_VALUE' },
          });
        stored.push(...keysOf(batch));
        return written(batch);
      },
    };
    const result = await writeRecords(all, deps(writer, 2));
    expect(result.refused.map((r) => r.record.key)).toEqual([poison]);
    expect(stored.sort()).toEqual(
      all
        .map((r) => r.key)
        .filter((k) => k !== poison)
        .sort(),
    );
    expect(result.written.prizes).toBe(all.length - 1);
  });

  it('lets every range settle before it throws a stop, so that nothing is written behind the batch', async () => {
    const all = records(2 * MIN_RECORDS_PER_WRITER);
    let settled = 0;
    let calls = 0;
    const writer: PrizeWriter = {
      write: async (batch) => {
        calls++;
        // The first range's server goes away (retriable); the other takes a while, and is written.
        if (calls === 1) throw Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });
        await new Promise((resolve) => setTimeout(resolve, 50));
        settled++;
        return written(batch);
      },
    };
    // Shutdown arrives while the first range waits to retry.
    const stopping = { ...deps(writer, 2) };
    stopping.retry = { ...stopping.retry, stop: () => (calls > 0 ? 'shutting down' : undefined) };
    await expect(writeRecords(all, stopping)).rejects.toBeInstanceOf(RetryStoppedError);
    expect(settled).toBe(1);
  });

  it('throws a bug of ours before any other failure', async () => {
    const all = records(2 * MIN_RECORDS_PER_WRITER);
    let calls = 0;
    const writer: PrizeWriter = {
      write: async () => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });
        await new Promise((resolve) => setTimeout(resolve, 10));
        throw new TypeError('a bug');
      },
    };
    const stopping = { ...deps(writer, 2) };
    stopping.retry = { ...stopping.retry, stop: () => (calls > 0 ? 'shutting down' : undefined) };
    await expect(writeRecords(all, stopping)).rejects.toBeInstanceOf(TypeError);
  });

  it('stops the other ranges retrying once one fails for good, rather than wait on them for ever', async () => {
    const all = records(2 * MIN_RECORDS_PER_WRITER);
    const firstKeys = new Set(keyRanges(all, 2)[0]?.map((r) => r.key));
    let retried = 0;
    const writer: PrizeWriter = {
      write: async (batch) => {
        // The first range meets a bug; the second, a server that never comes back.
        if (keysOf(batch).some((k) => firstKeys.has(k))) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new TypeError('a bug');
        }
        retried++;
        throw Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });
      },
    };
    await expect(writeRecords(all, deps(writer, 2))).rejects.toBeInstanceOf(TypeError);
    expect(retried).toBeGreaterThan(1);
  });

  it('writes the version before a refused one in its place, with several writers', async () => {
    const newer = records(2 * MIN_RECORDS_PER_WRITER);
    const poisoned = newer[3];
    if (poisoned?.kind !== 'prize') throw new Error('no prize record');
    // An older version of the same key, earlier on the partition, that the database takes.
    const older: Writable = {
      ...poisoned,
      offset: '1000',
      message: { offset: '1000' } as KafkaMessage, // only its offset is read here
      rows: {
        ...poisoned.rows,
        prize: {
          ...poisoned.rows.prize,
          fetchedAt: new Date(poisoned.rows.prize.fetchedAt.getTime() - 3_600_000),
        },
      },
    };
    const stored = new Map<string, number>();
    const writer: PrizeWriter = {
      write: async (batch) => {
        for (const p of batch.prizes)
          if (p.prize.id === poisoned.key && p.prize.fetchedAt.getTime() === now.getTime())
            throw Object.assign(new Error("Incorrect datetime value: '11476-8-15'"), {
              parent: { errno: 1292, code: 'ER_TRUNCATED_WRONG_VALUE' },
            });
        for (const p of batch.prizes) stored.set(p.prize.id, p.prize.fetchedAt.getTime());
        return written(batch);
      },
    };
    const result = await writeRecords([older, ...newer], deps(writer, 2));
    expect(result.refused.map((r) => r.record.offset)).toEqual([poisoned.offset]);
    expect(stored.size).toBe(newer.length);
    expect(stored.get(poisoned.key)).toBe(now.getTime() - 3_600_000);
  });
});
