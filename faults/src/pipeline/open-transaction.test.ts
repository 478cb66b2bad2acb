import { waitFor, type EndOffsetReader, type EndOffsets } from '@nobel-pipeline/test-utils';
import { watchForOpenTransaction } from './open-transaction';

/** A reader that answers from a list, then repeats its last answer. */
function scripted(
  answers: (EndOffsets | Error)[],
): EndOffsetReader & { reads: number; closed: boolean } {
  const fake = {
    reads: 0,
    closed: false,
    async read() {
      const answer = answers[Math.min(fake.reads, answers.length - 1)];
      fake.reads += 1;
      if (answer === undefined) throw new Error('no answer scripted');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    close() {
      fake.closed = true;
    },
  };
  return fake;
}

const idle: EndOffsets = { committed: 4n, uncommitted: 4n };
const open: EndOffsets = { committed: 4n, uncommitted: 9n };

const untilTrue = (check: () => boolean) => waitFor(check, { timeoutMs: 2000, intervalMs: 2 });

it('sees a transaction once records are past the committed end, and reads no more', async () => {
  const reader = scripted([idle, idle, new Error('a broker away'), open]);
  const watch = watchForOpenTransaction(reader, 't', 0, 1);
  await watch.opened;
  expect(watch.seen).toBe(true);
  expect(reader.reads).toBe(4);
  expect(watch.lastError).toEqual(new Error('a broker away'));
  await watch.stop();
  expect(reader.reads).toBe(4);
  expect(reader.closed).toBe(true);
});

it('stops reading when stopped, without having seen a transaction', async () => {
  const reader = scripted([idle]);
  const watch = watchForOpenTransaction(reader, 't', 0, 1);
  await untilTrue(() => reader.reads >= 3);
  await watch.stop();
  const reads = reader.reads;
  await new Promise((r) => setTimeout(r, 20));
  expect(reader.reads).toBe(reads);
  expect(watch.seen).toBe(false);
  expect(reader.closed).toBe(true);
});
