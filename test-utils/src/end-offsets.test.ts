import { createServer } from 'node:net';
import { createEndOffsetReader, decodeListOffsets, encodeListOffsets } from './end-offsets';

/** A ListOffsets v2 response body (after the size prefix), as a broker writes one. */
function response(
  correlationId: number,
  entries: { topic: string; partition: number; errorCode: number; offset: bigint }[],
): Buffer {
  const parts: Buffer[] = [];
  const push = (size: number, write: (b: Buffer) => void) => {
    const b = Buffer.alloc(size);
    write(b);
    parts.push(b);
  };
  const int16 = (v: number) => push(2, (b) => b.writeInt16BE(v));
  const int32 = (v: number) => push(4, (b) => b.writeInt32BE(v));
  const int64 = (v: bigint) => push(8, (b) => b.writeBigInt64BE(v));
  int32(correlationId);
  int32(0);
  int32(entries.length);
  for (const e of entries) {
    int16(Buffer.byteLength(e.topic));
    parts.push(Buffer.from(e.topic));
    int32(1);
    int32(e.partition);
    int16(e.errorCode);
    int64(-1n);
    int64(e.offset);
  }
  return Buffer.concat(parts);
}

describe('encodeListOffsets', () => {
  it('writes a v2 request for the latest offset of one partition, with its isolation level', () => {
    const bytes = encodeListOffsets({
      correlationId: 7,
      clientId: 'c',
      isolation: 'committed',
      topic: 't1',
      partition: 3,
    });
    expect(bytes.readInt32BE(0)).toBe(bytes.length - 4);
    expect(bytes.readInt16BE(4)).toBe(2); // ListOffsets
    expect(bytes.readInt16BE(6)).toBe(2); // version 2
    expect(bytes.readInt32BE(8)).toBe(7);
    expect(bytes.toString('utf8', 14, 15)).toBe('c');
    expect(bytes.readInt32BE(15)).toBe(-1); // replica id
    expect(bytes.readInt8(19)).toBe(1); // read_committed
    expect(bytes.readInt32BE(20)).toBe(1);
    expect(bytes.toString('utf8', 26, 28)).toBe('t1');
    expect(bytes.readInt32BE(28)).toBe(1);
    expect(bytes.readInt32BE(32)).toBe(3);
    expect(bytes.readBigInt64BE(36)).toBe(-1n); // latest
    const uncommitted = encodeListOffsets({
      correlationId: 7,
      clientId: 'c',
      isolation: 'uncommitted',
      topic: 't1',
      partition: 3,
    });
    expect(uncommitted.readInt8(19)).toBe(0);
  });
});

describe('decodeListOffsets', () => {
  const expected = { correlationId: 5, topic: 'prizes', partition: 1 };

  it('returns the offset of the partition asked, skipping others', () => {
    const bytes = response(5, [
      { topic: 'prizes', partition: 0, errorCode: 0, offset: 10n },
      { topic: 'prizes', partition: 1, errorCode: 0, offset: 12_345_678_901n },
    ]);
    expect(decodeListOffsets(bytes, expected)).toBe(12_345_678_901n);
  });

  it("throws the broker's error code (NOT_LEADER_OR_FOLLOWER from a follower)", () => {
    const bytes = response(5, [{ topic: 'prizes', partition: 1, errorCode: 6, offset: -1n }]);
    expect(() => decodeListOffsets(bytes, expected)).toThrow(/error code 6/);
  });

  it('throws on a response to another request, one cut short, or one without the partition', () => {
    const bytes = response(4, [{ topic: 'prizes', partition: 1, errorCode: 0, offset: 1n }]);
    expect(() => decodeListOffsets(bytes, expected)).toThrow(/request 4, not 5/);
    const whole = response(5, [{ topic: 'prizes', partition: 1, errorCode: 0, offset: 1n }]);
    expect(() => decodeListOffsets(whole.subarray(0, whole.length - 3), expected)).toThrow(
      /cut short/,
    );
    const other = response(5, [{ topic: 'prizes', partition: 2, errorCode: 0, offset: 1n }]);
    expect(() => decodeListOffsets(other, expected)).toThrow(/without prizes\/1/);
  });
});

describe('createEndOffsetReader', () => {
  it('fails a call to a broker that is not there, and every call once closed', async () => {
    const reader = createEndOffsetReader({ nodeId: 99, host: '127.0.0.1', port: 1 });
    await expect(reader.read('any', 0)).rejects.toThrow(/broker 99 \(127\.0\.0\.1:1\)/);
    reader.close();
    await expect(reader.read('any', 0)).rejects.toThrow(/closed/);
  });

  it('fails a call to a broker that does not answer, after its time limit', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const reader = createEndOffsetReader(
      { nodeId: 1, host: '127.0.0.1', port: address.port },
      { timeoutMs: 200 },
    );
    try {
      await expect(reader.read('any', 0)).rejects.toThrow(/did not answer in 200 ms/);
    } finally {
      reader.close();
      silent.close();
    }
  });

  it('reads answers that come a byte at a time', async () => {
    // A broker that answers each request with offset 40 + correlation id, one byte per write.
    const slow = createServer((socket) => {
      let pending = Buffer.alloc(0);
      socket.on('data', async (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
          const correlationId = pending.readInt32BE(8);
          const clientIdLength = pending.readInt16BE(12);
          const topicAt = 14 + clientIdLength + 9;
          const topic = pending.toString(
            'utf8',
            topicAt + 2,
            topicAt + 2 + pending.readInt16BE(topicAt),
          );
          pending = pending.subarray(4 + pending.readInt32BE(0));
          const body = response(correlationId, [
            { topic, partition: 0, errorCode: 0, offset: 40n + BigInt(correlationId) },
          ]);
          const size = Buffer.alloc(4);
          size.writeInt32BE(body.length);
          for (const byte of Buffer.concat([size, body])) {
            socket.write(Buffer.from([byte]));
            await new Promise((r) => setImmediate(r));
          }
        }
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const address = slow.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const reader = createEndOffsetReader({ nodeId: 1, host: '127.0.0.1', port: address.port });
    try {
      // Two calls at once: they go one after the other, each with its two requests.
      const [first, second] = await Promise.all([reader.read('t', 0), reader.read('t', 0)]);
      expect(first).toEqual({ uncommitted: 41n, committed: 42n });
      expect(second).toEqual({ uncommitted: 43n, committed: 44n });
    } finally {
      reader.close();
      slow.close();
    }
  });
});
