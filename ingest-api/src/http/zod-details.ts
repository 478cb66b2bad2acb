import type { z } from 'zod';
import type { ErrorDetail } from '../errors';

/** A zod failure as the `details` of a 400: one per problem, an unknown key named as such. */
export function zodDetails(error: z.ZodError, unknownKey: string): ErrorDetail[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, problem: unknownKey }))
      : [{ path: issue.path.map(String).join('.'), problem: issue.message }],
  );
}
