import { createFrameReader, type Frame } from './frames';

/** What kcat -f '%K:%k%R%s' writes for one record. */
function frame(key: string | null, value: Buffer | null): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(value === null ? -1 : value.length);
  const keyPart = key === null ? '-1:' : `${Buffer.byteLength(key)}:${key}`;
  return Buffer.concat([Buffer.from(keyPart), length, value ?? Buffer.alloc(0)]);
}

describe('kcat frames', () => {
  it('splits a stream into records, whatever the chunking, with null keys and values', () => {
    const frames: Frame[] = [];
    const reader = createFrameReader((f) => frames.push(f));
    const stream = Buffer.concat([
      frame('phy-1901', Buffer.from([0, 0, 0, 0, 1, 2, 10, 0x3a])),
      frame(null, Buffer.from('x\ny')),
      frame('gøne:', null),
    ]);
    for (let i = 0; i < stream.length; i += 3) reader.push(stream.subarray(i, i + 3));
    expect(
      frames.map((f) => [f.key?.toString() ?? null, f.value === null ? null : [...f.value]]),
    ).toEqual([
      ['phy-1901', [0, 0, 0, 0, 1, 2, 10, 0x3a]],
      [null, [...Buffer.from('x\ny')]],
      ['gøne:', null],
    ]);
    expect(reader.pending()).toBe(0);
  });
});
