import { createPartitionCommits } from './partition-commits';

/** A commit that waits until released, recording what reached "Kafka" in order. */
function fakeKafka() {
  const landed: string[] = [];
  const waiting: { offset: string; release(): void; fail(error: Error): void }[] = [];
  const send = (topic: string, partition: number, offset: string) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({
        offset,
        release: () => {
          landed.push(`${topic}/${partition}@${offset}`);
          resolve();
        },
        fail: reject,
      });
    });
  return { landed, waiting, send };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

it('sends a later commit of a partition only after the earlier one is done', async () => {
  const kafka = fakeKafka();
  const commits = createPartitionCommits(kafka.send);
  // Past the markers (585), then past a batch (1714), both asked while Kafka is slow.
  const markers = commits.commit('prizes', 0, '585');
  const batch = commits.commit('prizes', 0, '1714');
  await settle();
  expect(kafka.waiting.map((w) => w.offset)).toEqual(['585']);
  kafka.waiting[0]?.release();
  await markers;
  await settle();
  expect(kafka.waiting.map((w) => w.offset)).toEqual(['585', '1714']);
  kafka.waiting[1]?.release();
  await batch;
  expect(kafka.landed).toEqual(['prizes/0@585', 'prizes/0@1714']);
  expect(commits.committed('prizes', 0)).toBe(1714n);
});

it('does not send a commit that would move the offset back', async () => {
  const kafka = fakeKafka();
  const commits = createPartitionCommits(kafka.send);
  const batch = commits.commit('prizes', 0, '1714');
  const late = commits.commit('prizes', 0, '585');
  const same = commits.commit('prizes', 0, '1714');
  await settle();
  kafka.waiting[0]?.release();
  await Promise.all([batch, late, same]);
  expect(kafka.landed).toEqual(['prizes/0@1714']);
  expect(kafka.waiting).toHaveLength(1);
});

it('tells the caller of a failed commit, and sends the next one anyway', async () => {
  const kafka = fakeKafka();
  const commits = createPartitionCommits(kafka.send);
  const first = commits.commit('prizes', 0, '1714');
  const second = commits.commit('prizes', 0, '585');
  await settle();
  kafka.waiting[0]?.fail(new Error('the coordinator is not available'));
  await expect(first).rejects.toThrow('the coordinator is not available');
  await settle();
  // 1714 was not committed: 585 still moves the offset forward, and is sent.
  expect(kafka.waiting.map((w) => w.offset)).toEqual(['1714', '585']);
  kafka.waiting[1]?.release();
  await second;
  expect(commits.committed('prizes', 0)).toBe(585n);
});

it('keeps partitions apart: one waiting holds no other back', async () => {
  const kafka = fakeKafka();
  const commits = createPartitionCommits(kafka.send);
  void commits.commit('prizes', 0, '10');
  const other = commits.commit('prizes', 1, '20');
  const otherTopic = commits.commit('laureates', 0, '30');
  await settle();
  expect(kafka.waiting.map((w) => w.offset)).toEqual(['10', '20', '30']);
  kafka.waiting[1]?.release();
  kafka.waiting[2]?.release();
  await Promise.all([other, otherTopic]);
  expect(kafka.landed).toEqual(['prizes/1@20', 'laureates/0@30']);
  expect(commits.committed('prizes', 0)).toBeUndefined();
});
