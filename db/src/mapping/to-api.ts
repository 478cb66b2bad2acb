import {
  inSourceOrder,
  otherFieldsOf,
  type FetchRunView,
  type Link,
  type LinkView,
  type PrizeLaureateView,
  type PrizeSourceView,
} from '@nobel-pipeline/schemas';
import type {
  FetchRunRow,
  FetchRunSourceRow,
  LaureateRow,
  PrizeLaureateRow,
  PrizeRow,
} from '../models/models';
import { join } from './languages';
import type { EntryExtras, LaureateExtras, PrizeExtras } from './to-rows';

/**
 * Rows back into the Nobel API's own names and shapes, so that a prize read from the
 * database can be compared field by field with the record the API served: absent fields are
 * left out (not null), strings stay strings, links are as served, and fields the schema did not
 * model come back from `otherFields` — after the modelled ones, and never one of them: a stored
 * otherFields cannot rewrite `awardYear` or `id`. The shapes are the read API's views (schemas).
 */

/** Who a laureate is: knownName/fullName, or orgName/acronym/nativeName. */
export type LaureateNames = Pick<
  PrizeLaureateView,
  'knownName' | 'fullName' | 'orgName' | 'acronym' | 'nativeName'
>;
/** A laureate's share of one prize, with the entry's unmodelled fields. */
export type Share = Pick<PrizeLaureateView, 'portion' | 'sortOrder' | 'motivation' | 'links'> &
  Record<string, unknown>;

type WithoutAbsent<T> = { [K in keyof T]?: Exclude<T[K], null | undefined> };

/** A JSON column's value: the driver gives JSON text, or an already parsed value. */
export function parse<T>(value: unknown): T | undefined {
  if (value === null || value === undefined) return undefined;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Drops the keys whose value is null or undefined. */
function withoutAbsent<T extends object>(record: T): WithoutAbsent<T> {
  // Object.fromEntries loses the key types; the filter is what WithoutAbsent states.
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== null && v !== undefined),
  ) as WithoutAbsent<T>;
}

function apiLink(link: Link): LinkView {
  return inSourceOrder({ ...link }, 'link', link.otherFields);
}

export interface EntryWithLaureate {
  entry: PrizeLaureateRow;
  laureate: LaureateRow;
}

/** Who a laureate is, in the API's names: knownName/fullName, or orgName/acronym/nativeName. */
export function apiLaureateNames(laureate: LaureateRow): LaureateNames {
  const names = parse<LaureateExtras>(laureate.extras) ?? {};
  return withoutAbsent({
    knownName: join(
      { en: laureate.knownNameEn, no: laureate.knownNameNo, se: laureate.knownNameSe },
      names.knownName,
    ),
    fullName: join(
      { en: laureate.fullNameEn, no: laureate.fullNameNo, se: laureate.fullNameSe },
      names.fullName,
    ),
    orgName: join(
      { en: laureate.orgNameEn, no: laureate.orgNameNo, se: laureate.orgNameSe },
      names.orgName,
    ),
    acronym: laureate.acronym,
    nativeName: laureate.nativeName,
  });
}

/** A laureate's share of one prize: portion, sort order, motivation, links. */
export function apiShare(entry: PrizeLaureateRow): Share {
  const extras = parse<EntryExtras>(entry.extras) ?? {};
  return {
    portion: entry.portion,
    sortOrder: String(entry.sortOrder),
    ...withoutAbsent({
      motivation: join(
        { en: entry.motivationEn, no: entry.motivationNo, se: entry.motivationSe },
        extras.motivation,
      ),
    }),
    links: (parse<Link[]>(entry.links) ?? []).map(apiLink),
    ...otherFieldsOf(extras.otherFields, 'laureate'),
  };
}

/** One element of a prize's `laureates`, in the API's key order. */
export function apiLaureateEntry({ entry, laureate }: EntryWithLaureate): PrizeLaureateView {
  const extras = parse<EntryExtras>(entry.extras) ?? {};
  return inSourceOrder(
    { id: laureate.id, ...apiLaureateNames(laureate), ...apiShare(entry) },
    'laureate',
    extras.otherFields,
  );
}

/** A prize with the source record's fields, names and shapes. */
export function apiPrize(prize: PrizeRow, entries: readonly EntryWithLaureate[]): PrizeSourceView {
  const extras = parse<PrizeExtras>(prize.extras) ?? {};
  const laureates = [...entries]
    .sort(
      (a, b) =>
        a.entry.sortOrder - b.entry.sortOrder ||
        a.entry.laureateId.localeCompare(b.entry.laureateId),
    )
    .map(apiLaureateEntry);
  return inSourceOrder(
    {
      awardYear: String(prize.awardYear),
      // The contract requires both names: an empty map is served as the source gave it.
      category:
        join(
          { en: prize.categoryEn, no: prize.categoryNo, se: prize.categorySe },
          extras.category,
        ) ?? {},
      categoryFullName:
        join(
          {
            en: prize.categoryFullNameEn,
            no: prize.categoryFullNameNo,
            se: prize.categoryFullNameSe,
          },
          extras.categoryFullName,
        ) ?? {},
      dateAwarded: prize.dateAwarded,
      topMotivation: join(
        { en: prize.topMotivationEn, no: prize.topMotivationNo, se: prize.topMotivationSe },
        extras.topMotivation,
      ),
      prizeAmount: prize.prizeAmount,
      prizeAmountAdjusted: prize.prizeAmountAdjusted,
      links: (parse<Link[]>(prize.links) ?? []).map(apiLink),
      laureates: prize.hasLaureates ? laureates : undefined,
    },
    'prize',
    extras.otherFields,
  );
}

export function apiFetchRun(
  run: FetchRunRow,
  sources: readonly FetchRunSourceRow[] = [],
): FetchRunView {
  return {
    runId: run.runId,
    trigger: run.trigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    outcome: run.outcome,
    pages: run.pages,
    prizesSeen: run.prizesSeen,
    prizesChanged: run.prizesChanged,
    prizesMissing: run.prizesMissing,
    sources: [...sources]
      .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
      .map(({ source, pages, seen, changed, missing }) => ({
        source,
        pages,
        seen,
        changed,
        missing,
      })),
    error: run.error,
  };
}
