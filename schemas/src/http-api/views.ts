import { z } from 'zod';
import { CATEGORY_CODES } from '../categories';
import { LAUREATE_VIEW_ADDED } from '../laureate-fields';
import { FetchOutcomeSymbols, FetchTriggerSymbols } from '../generated/types';

/**
 * The read API's contract: what GET /prizes, /prizes/{id}, /laureates/{id} and /runs answer,
 * as zod schemas. The types below are inferred from them and are what the database's reader
 * returns; ingest-api generates its OpenAPI components from the same schemas. A prize, a
 * laureate entry and a link are the Nobel API's records rebuilt from the database: fields the
 * source did not have are absent (never null), and fields the contract does not model come back
 * after the modelled ones, so those objects are open.
 */

/** The read API's paging: how many items a list answers at most, by default, and how far it skips. */
export const READ_LIMITS = {
  defaultLimit: 25,
  maxLimit: 100,
  maxOffset: 1_000_000,
  defaultRuns: 20,
} as const;

export const languages = z
  .record(z.string(), z.string())
  .describe('A text per language code (en, no, se, …).');

export const linkView = z
  .looseObject({
    rel: z.string(),
    href: z.string(),
    action: z.string().optional(),
    types: z.string().optional(),
    title: z.string().optional(),
    class: z.array(z.string()).optional(),
  })
  .describe('A link as the Nobel API gives it.');

const laureateNames = {
  knownName: languages.optional(),
  fullName: languages.optional(),
  orgName: languages.optional(),
  acronym: z.string().optional(),
  nativeName: z.string().optional(),
};

const share = {
  portion: z.string().meta({ examples: ['1', '1/2', '1/3', '1/4'] }),
  sortOrder: z.string().meta({ examples: ['1', '2', '3'] }),
  motivation: languages.optional(),
  links: z.array(linkView),
};

export const prizeLaureateView = z
  .looseObject({ id: z.string().meta({ examples: ['160'] }), ...laureateNames, ...share })
  .describe("One laureate's entry in a prize, as the Nobel API gives it.");

const prizeSource = {
  awardYear: z.string().meta({ examples: ['1901'] }),
  category: languages,
  categoryFullName: languages,
  dateAwarded: z.string().optional(),
  topMotivation: languages.optional(),
  prizeAmount: z.number().int(),
  prizeAmountAdjusted: z.number().int(),
  links: z.array(linkView),
};

const isoDateTime = z.iso.datetime();

/** A code the API adds later is stored and served as it comes: the known ones are examples. */
const categoryCode = z
  .string()
  .describe(`The category code: ${CATEGORY_CODES.join(', ')}.`)
  .meta({ examples: [...CATEGORY_CODES] });

/** A prize's source record: the fields the Nobel API serves, as it serves them. */
export const prizeSourceView = z
  .looseObject({
    ...prizeSource,
    laureates: z
      .array(prizeLaureateView)
      .optional()
      .describe('Absent when the source record has none (years without an award).'),
  })
  .describe('A prize as the Nobel API serves it (awardYear, category, …, laureates).');

export const prizeView = prizeSourceView
  .extend({
    id: z.string().meta({ examples: ['phy-1901'] }),
    categoryCode,
    fetchedAt: isoDateTime,
    fetchRunId: z.string(),
    contentHash: z.string(),
    updatedAt: isoDateTime,
  })
  .describe(
    "The Nobel API's record (awardYear, category, …, laureates) plus id, categoryCode and provenance. Fields the source did not have are absent.",
  );

/** A page of a list: how many match in all, the page asked for, and its items. */
const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    total: z.number().int().min(0),
    limit: z.number().int(),
    offset: z.number().int(),
    items: z.array(item),
  });

export const prizePage = pageOf(prizeView);

export const laureatePrizeView = z
  .looseObject({
    id: z.string(),
    categoryCode,
    ...prizeSource,
    ...share,
  })
  .describe("A prize of a laureate: the prize's fields and the laureate's share of it.");

/** Text per language code, and for a place as it is now its sameAs and coordinates. */
export const localizedView = z
  .looseObject({
    en: z.string().optional(),
    sameAs: z.union([z.string(), z.array(z.string())]).optional(),
    // As served: decimal degrees as a string; null where the source serves null (one record).
    latitude: z
      .string()
      .nullable()
      .optional()
      .meta({ examples: ['40.825930'] }),
    longitude: z
      .string()
      .nullable()
      .optional()
      .meta({ examples: ['-74.209030'] }),
  })
  .describe('Names per language code (en, no, se, …); sameAs and coordinates where served.');

export const placeView = z
  .looseObject({
    city: localizedView.optional(),
    country: localizedView.optional(),
    cityNow: localizedView.optional(),
    countryNow: localizedView.optional(),
    continent: localizedView.optional(),
    locationString: localizedView.optional(),
  })
  .describe('A place as served, with the country as it is now.');

export const happeningView = z
  .looseObject({
    date: z
      .string()
      .optional()
      .describe("As served: '00' for an unknown month or day ('1943-00-00').")
      .meta({ examples: ['1943-00-00', '1867-11-07'] }),
    place: placeView.optional(),
  })
  .describe('A birth, death or founding.');

export const affiliationView = z
  .looseObject({
    name: localizedView.optional(),
    nameNow: localizedView.optional(),
    nativeName: z.string().optional(),
    city: localizedView.optional(),
    country: localizedView.optional(),
    cityNow: localizedView.optional(),
    countryNow: localizedView.optional(),
    continent: localizedView.optional(),
    locationString: localizedView.optional(),
  })
  .describe('Where the laureate worked when awarded.');

export const laureateSourcePrizeView = z
  .looseObject({
    ...prizeSource,
    ...share,
    prizeStatus: z
      .string()
      .optional()
      .meta({ examples: ['received', 'declined', 'restricted'] }),
    affiliations: z.array(affiliationView).optional(),
    residences: z.array(placeView).optional(),
  })
  .describe("A prize in the laureates source's record, with the laureate's affiliations.");

/** The fields of the laureates source's record beyond the names a prize gives. */
const laureateSource = {
  givenName: languages.optional(),
  familyName: languages.optional(),
  penName: z.string().optional(),
  penNameOf: languages.optional(),
  fileName: z.string().optional(),
  gender: z
    .string()
    .optional()
    .meta({ examples: ['female', 'male'] }),
  birth: happeningView.optional(),
  death: happeningView.optional(),
  founded: happeningView.optional(),
  wikipedia: z
    .looseObject({ slug: z.string().optional(), english: z.string().optional() })
    .optional(),
  wikidata: z
    .looseObject({
      id: z
        .string()
        .optional()
        .meta({ examples: ['Q7186'] }),
      url: z.string().optional(),
    })
    .optional(),
  sameAs: z.array(z.string()).optional(),
  links: z.array(linkView).optional(),
  nobelPrizes: z.array(laureateSourcePrizeView).optional(),
};

export const laureateView = z
  .looseObject({
    id: z.string().meta({ examples: ['6'] }),
    ...laureateNames,
    ...laureateSource,
    kind: z.enum(['person', 'organization']),
    prizes: z
      .array(laureatePrizeView)
      .describe('The prizes whose events name the laureate (the nobelPrizes source).'),
    fetchedAt: isoDateTime
      .optional()
      .describe('When the laureates source was read for this laureate; absent until it was.'),
    fetchRunId: z.string().optional(),
    contentHash: z.string().optional(),
    updatedAt: isoDateTime,
  })
  .describe(
    "A laureate: the laureates source's record as served (gender, birth, death, nobelPrizes with affiliations, …; unmodelled fields too) once it has been read, plus kind, the prizes that name them and provenance. Before the laureates source is read: the names the prizes give.",
  );

export const laureatePage = pageOf(laureateView);

/** A laureate view without what the pipeline adds: the source's record as it served it. */
export function laureateSourceFields(view: object | undefined): Record<string, unknown> {
  const added: readonly string[] = LAUREATE_VIEW_ADDED;
  return Object.fromEntries(Object.entries(view ?? {}).filter(([key]) => !added.includes(key)));
}

export const fetchRunView = z.strictObject({
  runId: z.string(),
  trigger: z.enum(FetchTriggerSymbols),
  startedAt: isoDateTime,
  finishedAt: isoDateTime,
  outcome: z.enum(FetchOutcomeSymbols),
  pages: z.number().int(),
  prizesSeen: z.number().int(),
  prizesChanged: z.number().int(),
  prizesMissing: z.number().int(),
  sources: z
    .array(
      z.strictObject({
        source: z.string().meta({ examples: ['nobelPrizes', 'laureates'] }),
        pages: z.number().int(),
        seen: z.number().int(),
        changed: z.number().int(),
        missing: z.number().int(),
      }),
    )
    .describe(
      'What the run read and published of each source (endpoint), by name; empty for runs recorded before sources were (FetchRun v1).',
    ),
  error: z.string().nullable(),
});

export const runList = z.strictObject({ items: z.array(fetchRunView) });

export type Languages = z.infer<typeof languages>;
export type LinkView = z.infer<typeof linkView>;
export type PrizeLaureateView = z.infer<typeof prizeLaureateView>;
export type PrizeSourceView = z.infer<typeof prizeSourceView>;
export type PrizeView = z.infer<typeof prizeView>;
export type PrizePage = z.infer<typeof prizePage>;
export type LaureatePrizeView = z.infer<typeof laureatePrizeView>;
export type LaureateView = z.infer<typeof laureateView>;
export type LaureatePage = z.infer<typeof laureatePage>;
export type FetchRunView = z.infer<typeof fetchRunView>;
export type RunList = z.infer<typeof runList>;

/** The views by the name the OpenAPI document gives them. */
export const READ_API_VIEWS = {
  Languages: languages,
  Link: linkView,
  PrizeLaureate: prizeLaureateView,
  Prize: prizeView,
  PrizeList: prizePage,
  LaureatePrize: laureatePrizeView,
  Localized: localizedView,
  Place: placeView,
  Happening: happeningView,
  Affiliation: affiliationView,
  LaureateSourcePrize: laureateSourcePrizeView,
  Laureate: laureateView,
  LaureateList: laureatePage,
  FetchRun: fetchRunView,
  RunList: runList,
} as const;
