/**
 * Records as kcat writes them with `-f '%K:%k%R%s'`: the key's length as text (-1 for none),
 * a colon, the key, then the value's length as a big-endian 32-bit integer (-1 for none) and
 * the value. (kcat has a binary length for values only.) Reads records out of chunks as they
 * arrive.
 */
export const KCAT_FORMAT = '%K:%k%R%s';

export interface Frame {
  key: Buffer | null;
  value: Buffer | null;
}

const COLON = 0x3a;

export function createFrameReader(onFrame: (frame: Frame) => void) {
  let buffer = Buffer.alloc(0);

  function next(): boolean {
    const colon = buffer.indexOf(COLON);
    if (colon < 0) return false;
    const keyLength = Number(buffer.subarray(0, colon).toString('ascii'));
    if (!Number.isInteger(keyLength))
      throw new Error(
        `not kcat -f '${KCAT_FORMAT}' output: a key length of "${buffer.subarray(0, colon).toString('ascii')}"`,
      );
    const keyEnd = colon + 1 + Math.max(0, keyLength);
    if (buffer.length < keyEnd + 4) return false;
    const valueLength = buffer.readInt32BE(keyEnd);
    const valueEnd = keyEnd + 4 + Math.max(0, valueLength);
    if (buffer.length < valueEnd) return false;
    onFrame({
      key: keyLength < 0 ? null : buffer.subarray(colon + 1, keyEnd),
      value: valueLength < 0 ? null : buffer.subarray(keyEnd + 4, valueEnd),
    });
    buffer = buffer.subarray(valueEnd);
    return true;
  }

  return {
    push(chunk: Buffer): void {
      buffer = Buffer.concat([buffer, chunk]);
      while (next());
    },
    /** Bytes left over: a stream that ended in the middle of a record. */
    pending: () => buffer.length,
  };
}
