import type { z } from 'zod';
import type { ErrorDetail } from '../errors';

/**
 * A zod failure as the `details` of a 400: one per problem, an unknown key named as such, and
 * a problem said once even when several checks of a field fail with the same message.
 */
export function zodDetails(error: z.ZodError, unknownKey: string): ErrorDetail[] {
  const details = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, problem: unknownKey }))
      : [{ path: issue.path.map(String).join('.'), problem: issue.message }],
  );
  const seen = new Set<string>();
  return details.filter(({ path, problem }) => {
    const key = JSON.stringify([path, problem]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
