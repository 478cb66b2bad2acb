/**
 * How records are cut into produce requests, for every producer of the project (the DLQs, the
 * CLI's redrive, the tests): in order, at most `records` per request and at most `bytes` of
 * keys, values and headers (a record larger than that goes alone), so that a request stays
 * well under the broker's 1 MB (message.max.bytes).
 */

export interface RequestLimits {
  bytes: number;
  records?: number;
}

/** Bytes per produce request: well under the broker's 1 MB. */
export const REQUEST_BYTES = 512 * 1024;

export interface OutgoingRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, unknown>;
}

const length = (value: unknown): number =>
  Buffer.isBuffer(value) ? value.length : typeof value === 'string' ? Buffer.byteLength(value) : 0;

export function recordBytes(record: OutgoingRecord): number {
  return (
    length(record.key) +
    length(record.value) +
    Object.entries(record.headers ?? {}).reduce(
      (n, [k, v]) =>
        n + Buffer.byteLength(k) + (Buffer.isBuffer(v) ? v.length : String(v ?? '').length),
      0,
    )
  );
}

export function splitIntoRequests<R extends OutgoingRecord>(
  records: readonly R[],
  limits: RequestLimits = { bytes: REQUEST_BYTES },
): R[][] {
  const out: R[][] = [];
  let current: R[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = recordBytes(record);
    const full =
      current.length > 0 &&
      (bytes + size > limits.bytes ||
        (limits.records !== undefined && current.length >= limits.records));
    if (full) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
