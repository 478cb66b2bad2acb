import { z } from 'zod';
import { INTERVAL_SECONDS } from '@nobel-pipeline/schemas';
import { BadRequestError, type ErrorDetail } from '../errors';

const intervalMessage = `expected a whole number of seconds from ${INTERVAL_SECONDS.min} to ${INTERVAL_SECONDS.max}`;

export const startBody = z.strictObject({
  intervalSeconds: z
    .number({ error: intervalMessage })
    .int(intervalMessage)
    .min(INTERVAL_SECONDS.min, intervalMessage)
    .max(INTERVAL_SECONDS.max, intervalMessage)
    .optional(),
});

/** STOP and FETCH_NOW take no parameters: an empty body, or `{}`. */
export const emptyBody = z.strictObject({});

function details(error: z.ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: key, problem: 'unknown field' }));
    }
    const path = issue.path.map(String).join('.');
    return [{ path, problem: issue.message }];
  });
}

/** The body as the route expects it; a missing body is `{}`. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body === undefined ? {} : body);
  if (result.success) return result.data;
  const listed = details(result.error);
  const message =
    body === null || typeof body !== 'object' || Array.isArray(body)
      ? 'The request body must be a JSON object'
      : `The request body is invalid: ${listed.map((d) => (d.path === '' ? d.problem : `${d.path}: ${d.problem}`)).join('; ')}`;
  throw new BadRequestError('invalid_body', message, listed);
}
