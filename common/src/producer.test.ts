import type { Kafka, ProducerRecord } from 'kafkajs';
import { createRenewingProducer } from './producer';

/** A kafkajs client whose producers fail the sends listed, and record who sent what. */
function fakeKafka(failures: boolean[]) {
  const producers: { sent: string[]; disconnected: boolean }[] = [];
  const kafka = {
    producer: () => {
      const p = { sent: [] as string[], disconnected: false };
      producers.push(p);
      return {
        connect: async () => undefined,
        disconnect: async () => {
          p.disconnected = true;
        },
        send: async (record: ProducerRecord) => {
          if (failures.shift() === true) throw new Error('request timed out');
          p.sent.push(String(record.messages[0]?.value));
          return [];
        },
      };
    },
  };
  // Only producer() and, on it, connect, send and disconnect are used.
  return { kafka: kafka as unknown as Kafka, producers };
}

const record = (value: string): ProducerRecord => ({ topic: 't', messages: [{ value }] });

it('sends through a new producer after a failed send, never through the one that failed', async () => {
  const { kafka, producers } = fakeKafka([false, true, false]);
  const producer = createRenewingProducer(kafka, { idempotent: true });
  await producer.send(record('a'));
  await expect(producer.send(record('b'))).rejects.toThrow('request timed out');
  await producer.send(record('c'));
  expect(producers.map((p) => p.sent)).toEqual([['a'], ['c']]);
  expect(producers[0]?.disconnected).toBe(true);
});

it('keeps its producer while sends succeed', async () => {
  const { kafka, producers } = fakeKafka([]);
  const producer = createRenewingProducer(kafka, { idempotent: true });
  await producer.send(record('a'));
  await producer.send(record('b'));
  expect(producers).toHaveLength(1);
  await producer.disconnect();
  expect(producers[0]?.disconnected).toBe(true);
});
