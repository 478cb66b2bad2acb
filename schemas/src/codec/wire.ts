import { MalformedRecordError } from '../errors';

/**
 * The registry wire format, as Confluent's serializers write it: one magic byte 0, the schema
 * id as a big-endian 32-bit integer, then the Avro binary encoding of the value.
 */
export const MAGIC_BYTE = 0;
export const HEADER_LENGTH = 5;

export function frame(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
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
