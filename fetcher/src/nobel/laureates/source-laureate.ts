import { z } from 'zod';
import { integer, languages, sourceLink, text } from '../source';

/**
 * The laureates endpoint of the Nobel Prize API v2.1 as we read it: the page envelope and the
 * laureate records, with the types the API serves. Unknown fields are allowed (and kept by the
 * mapping); known fields of the wrong type are not. What the real data has is accepted: a
 * latitude served as null, sameAs as one URL or a list, places with only some of their parts,
 * a birth with no place, organisations with a founding but no gender.
 */

const object = { error: 'expected an object' };
const texts = z.record(z.string(), text, { error: 'expected an object of text' });
const links = z.array(sourceLink, { error: 'expected an array of links' });

/**
 * A language-keyed object (`{"en":"USA","no":"USA","se":"USA","sameAs":[…],"latitude":"39.8"}`):
 * its names are any further keys, kept as they are whatever their type.
 */
export const sourceLocalized = z.looseObject(
  {
    sameAs: z
      .union([text, z.array(text)], { error: 'expected a URL or an array of URLs' })
      .optional(),
    latitude: z.string({ error: 'expected a string or null' }).nullable().optional(),
    longitude: z.string({ error: 'expected a string or null' }).nullable().optional(),
  },
  object,
);

export const sourcePlace = z.looseObject(
  {
    city: sourceLocalized.optional(),
    country: sourceLocalized.optional(),
    cityNow: sourceLocalized.optional(),
    countryNow: sourceLocalized.optional(),
    continent: sourceLocalized.optional(),
    locationString: sourceLocalized.optional(),
  },
  object,
);

/** A birth, death or founding. */
export const sourceLaureateEvent = z.looseObject(
  { date: text.optional(), place: sourcePlace.optional() },
  object,
);

export const sourceAffiliation = z.looseObject(
  {
    name: sourceLocalized.optional(),
    nameNow: sourceLocalized.optional(),
    nativeName: text.optional(),
    city: sourceLocalized.optional(),
    country: sourceLocalized.optional(),
    cityNow: sourceLocalized.optional(),
    countryNow: sourceLocalized.optional(),
    continent: sourceLocalized.optional(),
    locationString: sourceLocalized.optional(),
  },
  object,
);

/** One of a laureate's prizes, as the laureates endpoint serves it. */
export const sourceLaureatePrize = z.looseObject(
  {
    awardYear: text,
    category: languages,
    categoryFullName: languages,
    topMotivation: languages.optional(),
    sortOrder: text,
    portion: text,
    dateAwarded: text.optional(),
    prizeStatus: text.optional(),
    motivation: languages.optional(),
    prizeAmount: integer,
    prizeAmountAdjusted: integer,
    affiliations: z
      .array(sourceAffiliation, { error: 'expected an array of affiliations' })
      .optional(),
    residences: z.array(sourcePlace, { error: 'expected an array of places' }).optional(),
    links,
  },
  object,
);

export const sourceWikipedia = z.looseObject(
  { slug: text.optional(), english: text.optional() },
  object,
);

export const sourceWikidata = z.looseObject({ id: text.optional(), url: text.optional() }, object);

/** One record of /2.1/laureates: a person or an organisation. */
export const sourceLaureateRecord = z.looseObject({
  id: text,
  knownName: languages.optional(),
  givenName: languages.optional(),
  familyName: languages.optional(),
  fullName: languages.optional(),
  orgName: languages.optional(),
  nativeName: text.optional(),
  acronym: text.optional(),
  penName: text.optional(),
  penNameOf: texts.optional(),
  fileName: text.optional(),
  gender: text.optional(),
  birth: sourceLaureateEvent.optional(),
  death: sourceLaureateEvent.optional(),
  founded: sourceLaureateEvent.optional(),
  wikipedia: sourceWikipedia.optional(),
  wikidata: sourceWikidata.optional(),
  sameAs: z.array(text, { error: 'expected an array of URLs' }).optional(),
  links,
  nobelPrizes: z.array(sourceLaureatePrize, { error: 'expected an array of prizes' }),
});

/** A page of /2.1/laureates: its records are checked one by one (sourceLaureateRecord). */
export const laureatesPage = z.looseObject({
  laureates: z.array(z.unknown(), { error: 'expected an array' }),
  meta: z.looseObject(
    {
      offset: integer,
      limit: integer,
      count: integer.min(0, 'expected a count of at least 0'),
    },
    object,
  ),
  links: z.looseObject({ next: text.optional() }).optional(),
});

export type SourceLocalized = z.infer<typeof sourceLocalized>;
export type SourcePlace = z.infer<typeof sourcePlace>;
export type SourceLaureateEvent = z.infer<typeof sourceLaureateEvent>;
export type SourceAffiliation = z.infer<typeof sourceAffiliation>;
export type SourceLaureatePrize = z.infer<typeof sourceLaureatePrize>;
export type SourceWikipedia = z.infer<typeof sourceWikipedia>;
export type SourceWikidata = z.infer<typeof sourceWikidata>;
export type SourceLaureateRecord = z.infer<typeof sourceLaureateRecord>;
export type LaureatesPage = z.infer<typeof laureatesPage>;
