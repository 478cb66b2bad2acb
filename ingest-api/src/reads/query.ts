import { z } from 'zod';
import type { PrizeQuery } from '@nobel-pipeline/db';
import { CATEGORY_CODES, READ_LIMITS } from '@nobel-pipeline/schemas';
import { BadRequestError } from '../errors';
import { zodDetails } from '../http/zod-details';

/** Limits of the list endpoints. */
export const PAGE = READ_LIMITS;

/**
 * A whole number from min to max, sent as its digits. The pipe's output side (an integer with
 * its bounds) is what the OpenAPI document describes; every problem has the same message.
 */
const wholeNumber = (min: number, max: number) => {
  const message = `expected a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().int(message).min(min, message).max(max, message));
};

const year = wholeNumber(1000, 9999);

export const prizeQuery = z
  .strictObject({
    year: year.optional().describe('Award year; with yearTo, the first year of a range.'),
    yearTo: year.optional().describe('Last award year of a range that year starts (needs year).'),
    category: z
      .enum(CATEGORY_CODES, { error: `expected one of ${CATEGORY_CODES.join(', ')}` })
      .optional()
      .describe(`Category code: ${CATEGORY_CODES.join(', ')}.`),
    laureate: z
      .string()
      .min(1, 'expected some text')
      .max(100, 'expected at most 100 characters')
      .optional()
      .describe("Part of a laureate's English known, full or organisation name."),
    limit: wholeNumber(1, PAGE.maxLimit)
      .default(PAGE.defaultLimit)
      .describe('How many prizes to return.'),
    offset: wholeNumber(0, PAGE.maxOffset).default(0).describe('How many matching prizes to skip.'),
  })
  .refine((q) => q.yearTo === undefined || q.year !== undefined, {
    message: 'yearTo ends a range that year starts: give year too',
    path: ['yearTo'],
  })
  .refine((q) => q.year === undefined || q.yearTo === undefined || q.year <= q.yearTo, {
    message: 'expected yearTo ≥ year',
    path: ['yearTo'],
  });

export const runsQuery = z.strictObject({
  limit: wholeNumber(1, PAGE.maxLimit)
    .default(PAGE.defaultRuns)
    .describe('How many runs to return.'),
});

/** The query string as the route expects it: every parameter once, known, in range. */
export function parseQuery<T>(
  schema: z.ZodType<T>,
  query: Record<string, string | string[] | undefined>,
): T {
  const repeated = Object.entries(query).filter(([, v]) => Array.isArray(v));
  if (repeated.length > 0) {
    throw new BadRequestError(
      'invalid_query',
      'Each query parameter may appear once',
      repeated.map(([k]) => ({ path: k, problem: 'given more than once' })),
    );
  }
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const listed = zodDetails(result.error, 'unknown query parameter');
  throw new BadRequestError(
    'invalid_query',
    `The query is invalid: ${listed.map((d) => `${d.path}: ${d.problem}`).join('; ')}`,
    listed,
  );
}

export type { PrizeQuery };
