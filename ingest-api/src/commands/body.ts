import { z } from 'zod';
import { INTERVAL_SECONDS } from '@nobel-pipeline/schemas';
import { BadRequestError } from '../errors';
import { zodDetails } from '../http/zod-details';

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

/** The body as the route expects it; a missing body is `{}`. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body === undefined ? {} : body);
  if (result.success) return result.data;
  const listed = zodDetails(result.error, 'unknown field');
  const message =
    body === null || typeof body !== 'object' || Array.isArray(body)
      ? 'The request body must be a JSON object'
      : `The request body is invalid: ${listed.map((d) => (d.path === '' ? d.problem : `${d.path}: ${d.problem}`)).join('; ')}`;
  throw new BadRequestError('invalid_body', message, listed);
}
