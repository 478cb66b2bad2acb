import type { ProducerRecord, RecordMetadata } from 'kafkajs';
import {
  partitionRecords,
  recordBytes,
  REQUEST_BYTES,
  sendByPartition,
  splitIntoRequests,
} from './produce-requests';

const record = (bytes: number) => ({ key: null, value: Buffer.alloc(bytes) });

describe('produce requests', () => {
  it('keep the order and stay within the bytes, a larger record alone', () => {
    const cut = splitIntoRequests([record(40), record(40), record(40), record(500), record(10)], {
      bytes: 100,
    });
    expect(cut.map((r) => r.map((m) => m.value?.length))).toEqual([[40, 40], [40], [500], [10]]);
  });

  it('stay within a number of records when one is given', () => {
    const cut = splitIntoRequests(
      Array.from({ length: 1201 }, () => record(1)),
      {
        bytes: REQUEST_BYTES,
        records: 500,
      },
    );
    expect(cut.map((r) => r.length)).toEqual([500, 500, 201]);
    expect(splitIntoRequests([])).toEqual([]);
  });

  it('count keys, values and headers', () => {
    expect(
      recordBytes({ key: 'ab', value: Buffer.alloc(3), headers: { h: 'xyz', b: Buffer.alloc(2) } }),
    ).toBe(2 + 3 + 1 + 3 + 1 + 2);
  });
});

describe('sending by partition', () => {
  const keyed = Array.from({ length: 60 }, (_, i) => ({ key: `prize-${i}`, value: `v${i}` }));

  it('places a key where the producers place it, always the same partition for a key', () => {
    const byPartition = partitionRecords(keyed, 3);
    expect([...byPartition.keys()].sort()).toEqual([0, 1, 2]);
    expect([...byPartition.values()].flat()).toHaveLength(60);
    const again = partitionRecords([...keyed].reverse(), 3);
    for (const [partition, records] of byPartition)
      expect(
        again
          .get(partition)
          ?.map((r) => r.key)
          .sort(),
      ).toEqual(records.map((r) => r.key).sort());
    expect(() => partitionRecords(keyed, 0)).toThrow(RangeError);
  });

  it('sends one partition per request, each record once, in order within its partition', async () => {
    const requests: ProducerRecord[] = [];
    const send = async (record: ProducerRecord): Promise<RecordMetadata[]> => {
      requests.push(record);
      const partition = record.messages[0]?.partition ?? -1;
      return [{ topicName: record.topic, partition, errorCode: 0 }];
    };
    await sendByPartition(send, {
      topic: 't',
      records: keyed,
      partitions: 3,
      limits: { bytes: 1e6, records: 7 },
    });
    for (const r of requests) expect(new Set(r.messages.map((m) => m.partition)).size).toBe(1);
    expect(requests.flatMap((r) => r.messages.map((m) => m.key)).sort()).toEqual(
      keyed.map((r) => r.key).sort(),
    );
    const partitionOf = new Map(
      requests.flatMap((r) => r.messages.map((m) => [m.key, m.partition])),
    );
    // Partitions go in the order of their first record.
    const firstSeen = [...new Set(keyed.map((r) => partitionOf.get(r.key)))];
    expect([...new Set(requests.map((r) => r.messages[0]?.partition))]).toEqual(firstSeen);
    for (const p of [0, 1, 2]) {
      const sent = requests.flatMap((r) => r.messages).filter((m) => m.partition === p);
      expect(sent.map((m) => m.key)).toEqual(
        keyed.filter((r) => partitionOf.get(r.key) === p).map((r) => r.key),
      );
    }
  });

  it('fails when a send succeeds without its partition, as kafkajs does after a leader moved', async () => {
    // kafkajs answered for the brokers that answered before; the moved partition is missing.
    const send = async (record: ProducerRecord): Promise<RecordMetadata[]> => [
      { topicName: record.topic, partition: 99, errorCode: 0 },
    ];
    await expect(
      sendByPartition(send, { topic: 't', records: keyed.slice(0, 1), partitions: 3 }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/did not acknowledge 1 record\(s\) for t\/\d/),
      retriable: true,
    });
  });
});
