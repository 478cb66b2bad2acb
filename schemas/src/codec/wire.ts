import type { Type } from 'avsc';
import { MalformedRecordError } from '../errors';

/**
 * The registry wire format, as Confluent's serializers write it: one magic byte 0, the schema
 * id as a big-endian 32-bit integer, then the Avro binary encoding of the value.
 */
export const MAGIC_BYTE = 0;
export const HEADER_LENGTH = 5;

/** Writes the header (magic byte, schema id) into the first HEADER_LENGTH bytes of `buffer`. */
function writeHeader(buffer: Buffer, schemaId: number): void {
  buffer.writeUInt8(MAGIC_BYTE, 0);
  buffer.writeInt32BE(schemaId, 1);
}

export function frame(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  writeHeader(header, schemaId);
  return Buffer.concat([header, payload]);
}

/** Writes framed values through a buffer of its own (one per codec, never shared). */
export interface FrameWriter {
  /** The framed Avro encoding of `value`, which the caller has checked against `type`. */
  write(schemaId: number, type: Type, value: unknown): Buffer;
}

/**
 * `frame(id, type.toBuffer(value))` in one pass: the header and the value are written into a
 * scratch buffer that grows to the largest value seen, then copied out once. avsc's toBuffer
 * writes into a 1 KiB buffer and writes the value a second time when it does not fit (176 of
 * the snapshot's 670 prize events are larger), and framing copied it again.
 */
export function createFrameWriter(initialBytes = 64 * 1024): FrameWriter {
  let scratch = Buffer.allocUnsafe(Math.max(initialBytes, HEADER_LENGTH + 1));
  return {
    write(schemaId, type, value) {
      for (;;) {
        writeHeader(scratch, schemaId);
        const end = type.encode(value, scratch, HEADER_LENGTH);
        // The whole value fits: `end` is where it ends. Else minus the bytes missing.
        if (end >= 0) return Buffer.from(scratch.subarray(0, end));
        scratch = Buffer.allocUnsafe(Math.max(2 * scratch.length, scratch.length - end));
      }
    },
  };
}

export interface Framed {
  schemaId: number;
  payload: Buffer;
}

export function unframe(buffer: Buffer | null | undefined): Framed {
  if (buffer === null || buffer === undefined || buffer.length === 0) {
    throw new MalformedRecordError('The record has no value');
  }
  if (buffer.length < HEADER_LENGTH) {
    throw new MalformedRecordError(
      `The record value has ${buffer.length} bytes, fewer than the 5-byte registry header`,
    );
  }
  if (buffer[0] !== MAGIC_BYTE) {
    throw new MalformedRecordError(
      `The record value starts with byte ${buffer[0]}, not the registry magic byte 0`,
    );
  }
  return { schemaId: buffer.readInt32BE(1), payload: buffer.subarray(HEADER_LENGTH) };
}
