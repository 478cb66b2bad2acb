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
  expect(commits.sent('prizes', 0)).toBe(1714n);
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

it('tells the caller of a failed commit, and sends no lower one after it (it may have landed)', async () => {
  const kafka = fakeKafka();
  const commits = createPartitionCommits(kafka.send);
  const first = commits.commit('prizes', 0, '1714');
  const lower = commits.commit('prizes', 0, '585');
  const higher = commits.commit('prizes', 0, '1800');
  await settle();
  kafka.waiting[0]?.fail(new Error('the coordinator is not available'));
  await expect(first).rejects.toThrow('the coordinator is not available');
  await lower;
  await settle();
  // 585 is not sent: a commit that timed out may have been written by the coordinator.
  expect(kafka.waiting.map((w) => w.offset)).toEqual(['1714', '1800']);
  kafka.waiting[1]?.release();
  await higher;
  expect(commits.sent('prizes', 0)).toBe(1800n);
});

it('after a reset (the group joined again), sends what the new membership asks, lower or not', async () => {
  const kafka = fakeKafka();
  const commits = createPartitionCommits(kafka.send);
  // kafkajs answers a commit asked for while its consumer is stopped as done, sending nothing.
  const phantom = commits.commit('prizes', 0, '1714');
  await settle();
  kafka.waiting[0]?.release();
  await phantom;
  commits.reset();
  expect(commits.sent('prizes', 0)).toBeUndefined();
  // The restarted consumer reads again from the group's offset, and commits past it.
  const again = commits.commit('prizes', 0, '1200');
  await settle();
  expect(kafka.waiting.map((w) => w.offset)).toEqual(['1714', '1200']);
  kafka.waiting[1]?.release();
  await again;
});

it('does not send, after a reset, a commit the old membership asked for', async () => {
  const kafka = fakeKafka();
  const commits = createPartitionCommits(kafka.send);
  const slow = commits.commit('prizes', 0, '100');
  const queued = commits.commit('prizes', 0, '200');
  await settle();
  commits.reset();
  const mine = commits.commit('prizes', 0, '150');
  kafka.waiting[0]?.release();
  await Promise.all([slow, queued]);
  await settle();
  // 200 was asked for before the reset: not sent; 150, asked for after it, is.
  expect(kafka.waiting.map((w) => w.offset)).toEqual(['100', '150']);
  kafka.waiting[1]?.release();
  await mine;
});

it('does not send a commit its caller may no longer make by its turn', async () => {
  const kafka = fakeKafka();
  const commits = createPartitionCommits(kafka.send);
  let assigned = true;
  const first = commits.commit('prizes', 0, '10');
  const second = commits.commit('prizes', 0, '20', () => assigned);
  await settle();
  // The partition goes to another member while the first commit waits.
  assigned = false;
  kafka.waiting[0]?.release();
  await Promise.all([first, second]);
  expect(kafka.landed).toEqual(['prizes/0@10']);
  expect(kafka.waiting).toHaveLength(1);
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
  expect(commits.sent('prizes', 0)).toBe(10n);
});
