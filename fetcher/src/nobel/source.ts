import { z } from 'zod';

/**
 * The Nobel Prize API v2.1 as we read it: the page envelope and the prize records, with the
 * types the API documents and serves. Unknown fields are allowed (and kept by the mapping);
 * known fields of the wrong type are not.
 */

export const text = z.string({ error: 'expected a string' });
export const languages = z.record(z.string(), text, {
  error: 'expected an object of language → text',
});
export const integer = z.number({ error: 'expected a number' }).int('expected a whole number');

export const sourceLink = z.looseObject({
  rel: text,
  href: text,
  action: text.optional(),
  types: text.optional(),
  title: text.optional(),
  class: z.array(text).optional(),
});

export const sourceLaureate = z.looseObject({
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

export const sourcePrize = z.looseObject({
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

export const prizesPage = z.looseObject({
  nobelPrizes: z.array(z.unknown(), { error: 'expected an array' }),
  meta: z.looseObject(
    {
      offset: integer,
      limit: integer,
      count: integer.min(0, 'expected a count of at least 0'),
    },
    { error: 'expected an object' },
  ),
  links: z.looseObject({ next: text.optional() }).optional(),
});

/** A page's envelope, whatever the endpoint: meta and links (the records: pageRecords). */
export const pageEnvelope = prizesPage.omit({ nobelPrizes: true });

/** A page's records, under the endpoint's name (`nobelPrizes`, `laureates`). */
export function pageRecords(endpoint: string) {
  return z.looseObject({ [endpoint]: prizesPage.shape.nobelPrizes });
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
