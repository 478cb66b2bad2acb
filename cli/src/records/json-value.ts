/**
 * A decoded value in a shape JSON.stringify renders faithfully: bytes (Avro `bytes` and
 * `fixed`) as base64 strings instead of `{"type":"Buffer","data":[…]}`, 64-bit integers that
 * came back as bigint as decimal strings. Records decoded by avsc are class instances: their
 * own fields are kept, as plain objects.
 */
export function toJsonValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  return value;
}
