import type { KafkaMessage, ProducerRecord } from 'kafkajs';
import { createDlq, DLQ_HEADERS, DLQ_REQUEST_BYTES, type DeadLetter } from './dlq';

const letter = (offset: number, bytes: number): DeadLetter => ({
  topic: 'prizes',
  partition: 1,
  message: {
    offset: String(offset),
    key: Buffer.from(`k${offset}`),
    value: Buffer.alloc(bytes, 1),
    timestamp: '0',
    headers: {},
  } as unknown as KafkaMessage,
  error: new Error('bad'),
});

const partitions = async () => 1;

/** A producer that, like a broker, refuses requests over `limit` bytes of values. */
function broker(limit: number) {
  const accepted: ProducerRecord[] = [];
  return {
    accepted,
    send: async (record: ProducerRecord) => {
      const bytes = record.messages.reduce(
        (n, m) => n + ((m.value as Buffer | null)?.length ?? 0),
        0,
      );
      if (bytes > limit)
        throw Object.assign(
          new Error('The request included a message larger than the max message size'),
          {
            type: 'MESSAGE_TOO_LARGE',
          },
        );
      accepted.push(record);
      const partition = record.messages[0]?.partition ?? -1;
      return [{ topicName: record.topic, partition, errorCode: 0 }];
    },
  };
}

describe('the DLQ', () => {
  it('sends letters in requests the broker accepts', async () => {
    const b = broker(1_000_000);
    await createDlq({ producer: b, topic: 'dlq', partitions }).send(
      Array.from({ length: 6 }, (_, i) => letter(i, 300_000)),
    );
    expect(b.accepted.map((r) => r.messages.length)).toEqual([1, 1, 1, 1, 1, 1]);
    const small = broker(1_000_000);
    await createDlq({ producer: small, topic: 'dlq', partitions }).send(
      Array.from({ length: 100 }, (_, i) => letter(i, 100)),
    );
    expect(small.accepted).toHaveLength(1);
    expect(DLQ_REQUEST_BYTES).toBeLessThan(1_000_000);
  });

  it('sends a letter too large on its own without its value, saying where the original is', async () => {
    const b = broker(500_000);
    await createDlq({ producer: b, topic: 'dlq', partitions }).send([
      letter(7, 100),
      letter(8, 900_000),
    ]);
    const sent = b.accepted.flatMap((r) => r.messages);
    expect(sent.map((m) => m.key?.toString())).toEqual(['k7', 'k8']);
    expect(sent[1]?.value).toBeNull();
    expect(sent[1]?.headers).toMatchObject({
      [DLQ_HEADERS.offset]: '8',
      [DLQ_HEADERS.valueOmitted]: expect.stringMatching(/900000 bytes/),
    });
  });

  it('sends each request to one partition, where the key places it', async () => {
    const b = broker(1_000_000);
    const letters = Array.from({ length: 30 }, (_, i) => letter(i, 10));
    await createDlq({ producer: b, topic: 'dlq', partitions: async () => 3 }).send(letters);
    const partitionsOf = b.accepted.map((r) => new Set(r.messages.map((m) => m.partition)));
    expect(partitionsOf.every((p) => p.size === 1)).toBe(true);
    expect(new Set(partitionsOf.flatMap((p) => [...p])).size).toBe(3);
    expect(b.accepted.flatMap((r) => r.messages)).toHaveLength(30);
  });

  it('passes on any other failure, for the caller to retry', async () => {
    const dlq = createDlq({
      producer: {
        send: async () => {
          throw new Error('broker down');
        },
      },
      topic: 'dlq',
      partitions,
    });
    await expect(dlq.send([letter(1, 10)])).rejects.toThrow('broker down');
  });
});
