import { z } from 'zod';
import { SIZES, type LaureateQuery, type PrizeQuery } from '@nobel-pipeline/db';
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

/** Some text, 1 to max characters. */
const text = (max: number) =>
  z.string().min(1, 'expected some text').max(max, `expected at most ${max} characters`);

const category = z
  .enum(CATEGORY_CODES, { error: `expected one of ${CATEGORY_CODES.join(', ')}` })
  .optional()
  .describe(`Category code: ${CATEGORY_CODES.join(', ')}.`);

/** year and yearTo: one award year, or a range from year to yearTo. */
const awardYears = {
  year: year.optional().describe('Award year; with yearTo, the first year of a range.'),
  yearTo: year.optional().describe('Last award year of a range that year starts (needs year).'),
};

/** The rules of year and yearTo that their fields alone cannot say, on any query that has them. */
function withYearRange<T extends z.ZodType<{ year?: number; yearTo?: number }>>(query: T): T {
  return query
    .refine((q) => q.yearTo === undefined || q.year !== undefined, {
      message: 'yearTo ends a range that year starts: give year too',
      path: ['yearTo'],
    })
    .refine((q) => q.year === undefined || q.yearTo === undefined || q.year <= q.yearTo, {
      message: 'expected yearTo ≥ year',
      path: ['yearTo'],
    });
}

/** limit and offset of a list of these things (`prizes`, `laureates`). */
const paging = (things: string) => ({
  limit: wholeNumber(1, PAGE.maxLimit)
    .default(PAGE.defaultLimit)
    .describe(`How many ${things} to return.`),
  offset: wholeNumber(0, PAGE.maxOffset)
    .default(0)
    .describe(`How many matching ${things} to skip.`),
});

export const prizeQuery = withYearRange(
  z.strictObject({
    ...awardYears,
    category,
    laureate: text(100)
      .optional()
      .describe("Part of a laureate's English known, full or organisation name."),
    ...paging('prizes'),
  }),
);

export const laureateQuery = withYearRange(
  z.strictObject({
    gender: text(SIZES.shortText)
      .optional()
      .describe("Gender as the laureates source serves it ('female', 'male')."),
    birthCountry: text(SIZES.name)
      .optional()
      .describe("Country of birth as it is now, in English ('Germany'); any case."),
    category: category.describe(
      `A prize of the laureate in this category (code: ${CATEGORY_CODES.join(', ')}), in year (to yearTo) when given.`,
    ),
    year: awardYears.year.describe(
      'A prize of the laureate awarded in this year (in category when given); with yearTo, the first year of a range.',
    ),
    yearTo: awardYears.yearTo,
    name: text(100)
      .optional()
      .describe("Part of the laureate's English known, full or organisation name; any case."),
    ...paging('laureates'),
  }),
);

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

export type { LaureateQuery, PrizeQuery };
