import { z } from 'zod';

/**
 * The Nobel Prize API v2.1 as we read it: the page envelope and the prize records, with the
 * types the API documents and serves. Unknown fields are allowed (and kept by the mapping);
 * known fields of the wrong type are not.
 *
 * The schemas check; they transform nothing. A record they accept is used as it was served
 * (`checkAsServed`), so the unknown fields are there for the mapping to keep. The prize's
 * objects are plain `z.object`s, whose output would leave unknown fields out: never their
 * output, only their verdict, is used, and no copy of a record is built. (Warm, checking the
 * snapshot's 670 prizes costs about what the loose objects did, which built that copy: 2.2
 * against 2.5 ms, timed by hand, 200 passes in a process each, on a 2-core AMD EPYC host,
 * 2026-12-02; `npm run bench:fetcher` prints the check's time.)
 */

declare const served: unique symbol;

/**
 * A record as served, checked by its schema: its unknown fields are there (the schema's output
 * would not have them). Only `checkAsServed` makes one, so a mapping that keeps unknown fields
 * cannot be given a schema's output by mistake.
 */
export type AsServed<T> = T & { readonly [served]: true };

/** The record as served if `schema` accepts it, else the schema's error. */
export function checkAsServed<T>(
  schema: z.ZodType<T>,
  raw: unknown,
): { success: true; record: AsServed<T> } | { success: false; error: z.ZodError } {
  const checked = schema.safeParse(raw);
  if (!checked.success) return { success: false, error: checked.error };
  // The schemas transform nothing: what they accepted is a T, with the fields they do not
  // declare besides (which their output would have dropped).
  return { success: true, record: raw as AsServed<T> };
}

/** `checkAsServed` that throws the schema's error, for tests and tools. */
export function parseAsServed<T>(schema: z.ZodType<T>, raw: unknown): AsServed<T> {
  const checked = checkAsServed(schema, raw);
  if (!checked.success) throw checked.error;
  return checked.record;
}

export const text = z.string({ error: 'expected a string' });
export const languages = z.record(z.string(), text, {
  error: 'expected an object of language → text',
});
export const integer = z.number({ error: 'expected a number' }).int('expected a whole number');

export const sourceLink = z.object({
  rel: text,
  href: text,
  action: text.optional(),
  types: text.optional(),
  title: text.optional(),
  class: z.array(text).optional(),
});

export const sourceLaureate = z.object({
  id: text,
  knownName: languages.optional(),
  fullName: languages.optional(),
  orgName: languages.optional(),
  acronym: text.optional(),
  nativeName: text.optional(),
  portion: text,
  sortOrder: text,
  motivation: languages.optional(),
  links: z.array(sourceLink, { error: 'expected an array of links' }),
});

export const sourcePrize = z.object({
  awardYear: text,
  category: languages,
  categoryFullName: languages,
  dateAwarded: text.optional(),
  topMotivation: languages.optional(),
  prizeAmount: integer,
  prizeAmountAdjusted: integer,
  links: z
    .array(sourceLink, { error: 'expected an array of links' })
    .min(1, 'expected at least one link'),
  laureates: z.array(sourceLaureate, { error: 'expected an array of laureates' }).optional(),
});

export const prizesPage = z.object({
  nobelPrizes: z.array(z.unknown(), { error: 'expected an array' }),
  meta: z.object(
    {
      offset: integer,
      limit: integer,
      count: integer.min(0, 'expected a count of at least 0'),
    },
    { error: 'expected an object' },
  ),
  links: z.object({ next: text.optional() }).optional(),
});

/** A page's envelope, whatever the endpoint: meta and links (the records: pageRecords). */
export const pageEnvelope = prizesPage.omit({ nobelPrizes: true });

/**
 * A page's records, under the endpoint's name (`nobelPrizes`, `laureates`). A new schema each
 * call, which zod compiles on its first use: make it once per endpoint, not per page.
 */
export function pageRecords(endpoint: string): z.ZodType<Record<string, unknown[]>> {
  return z.object({ [endpoint]: prizesPage.shape.nobelPrizes });
}

export type SourceLink = z.infer<typeof sourceLink>;
export type SourceLaureate = z.infer<typeof sourceLaureate>;
export type SourcePrize = z.infer<typeof sourcePrize>;
export type PrizesPage = z.infer<typeof prizesPage>;

/** A zod path as we print it: `nobelPrizes[4].laureates[0].portion`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) =>
      typeof part === 'number'
        ? `${acc}[${part}]`
        : acc === ''
          ? String(part)
          : `${acc}.${String(part)}`,
    '',
  );
}
