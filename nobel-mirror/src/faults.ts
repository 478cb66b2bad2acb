import { z } from 'zod';

/**
 * Faults the mirror injects into its next answers, for tests of retries and failures:
 * `latency` (answer late), `status` (an HTTP error), `rate-limit` (429 with Retry-After),
 * `malformed` (200 with a body that is not JSON), `truncated` (200 cut off half-way),
 * `reset` (the connection closed without an answer), `endless` (a page that claims `count`
 * records — 10^15 by default — and serves the data over and over, after `ms`).
 */
export const faultSpec = z.strictObject({
  type: z.enum(['latency', 'status', 'rate-limit', 'malformed', 'truncated', 'reset', 'endless']),
  /** How many matching requests it affects. */
  times: z.number().int().min(1).default(1),
  /** Only requests whose path ends with this (e.g. "nobelPrizes"). */
  path: z.string().optional(),
  /** Only the request for this offset. */
  offset: z.number().int().min(0).optional(),
  /** endless: the meta.count the pages claim (default 10^15). */
  count: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  /** latency, endless: how long to wait. */
  ms: z.number().int().min(0).max(600_000).default(1000),
  /** status: which. */
  status: z.number().int().min(400).max(599).default(503),
  /** rate-limit: the Retry-After value, in seconds. */
  retryAfter: z.number().int().min(0).default(1),
});

export type FaultSpec = z.infer<typeof faultSpec>;

export interface FaultQueue {
  add(spec: FaultSpec): void;
  clear(): void;
  /** The fault for this request, if one is due (and counts it). */
  take(path: string, offset: number): FaultSpec | undefined;
  pending(): FaultSpec[];
}

export function createFaultQueue(): FaultQueue {
  let faults: FaultSpec[] = [];
  return {
    add: (spec) => faults.push({ ...spec }),
    clear: () => {
      faults = [];
    },
    take(path, offset) {
      const fault = faults.find(
        (f) =>
          (f.path === undefined || path.endsWith(f.path)) &&
          (f.offset === undefined || f.offset === offset),
      );
      if (fault === undefined) return undefined;
      fault.times--;
      if (fault.times <= 0) faults = faults.filter((f) => f !== fault);
      return fault;
    },
    pending: () => faults.map((f) => ({ ...f })),
  };
}
