import {
  LAUREATE_LEVEL_FIELDS,
  LOCALIZED_UNMODELLED_WHEN_NULL,
  LAUREATE_VIEW_ADDED,
  type LaureateFieldsLevel,
} from './laureate-fields';

/**
 * Which fields of the Nobel API's records the NobelPrize contract models, per record: the
 * rest of a source record travels as JSON in that record's `otherFields`. One definition for
 * the fetcher (which fills otherFields), the sink (which refuses a forged one) and the read API
 * (which never lets one override a modelled field). A test keeps the lists in step with the
 * Avro schema. The NobelLaureate contract's levels (laureate-fields.ts) follow the same rules.
 */

/** A prize's fields as the API serves them, in its key order. */
export const PRIZE_SOURCE_FIELDS = [
  'awardYear',
  'category',
  'categoryFullName',
  'dateAwarded',
  'topMotivation',
  'prizeAmount',
  'prizeAmountAdjusted',
  'links',
  'laureates',
] as const;

/** Fields the event adds to a prize: its id and provenance (and the read API's updatedAt). */
export const PRIZE_EVENT_FIELDS = [
  'id',
  'categoryCode',
  'fetchedAt',
  'fetchRunId',
  'contentHash',
  'updatedAt',
] as const;

/** A laureate's fields within a prize, in the API's key order. */
export const LAUREATE_SOURCE_FIELDS = [
  'id',
  'knownName',
  'fullName',
  'orgName',
  'acronym',
  'nativeName',
  'portion',
  'sortOrder',
  'motivation',
  'links',
] as const;

export const LINK_SOURCE_FIELDS = ['rel', 'href', 'action', 'types', 'title', 'class'] as const;

/** A record with its own otherFields: a prize's levels, then a laureate record's. */
export type OtherFieldsLevel = 'prize' | 'laureate' | 'link' | LaureateFieldsLevel;

const reserved = (fields: readonly string[]): ReadonlySet<string> =>
  new Set([...fields, 'otherFields']);

const RESERVED: Record<OtherFieldsLevel, ReadonlySet<string>> = {
  prize: new Set([...PRIZE_SOURCE_FIELDS, ...PRIZE_EVENT_FIELDS, 'otherFields']),
  laureate: new Set([...LAUREATE_SOURCE_FIELDS, 'otherFields']),
  link: new Set([...LINK_SOURCE_FIELDS, 'otherFields']),
  nobelLaureate: reserved([...LAUREATE_LEVEL_FIELDS.nobelLaureate, ...LAUREATE_VIEW_ADDED]),
  laureateEvent: reserved(LAUREATE_LEVEL_FIELDS.laureateEvent),
  place: reserved(LAUREATE_LEVEL_FIELDS.place),
  localized: reserved(LAUREATE_LEVEL_FIELDS.localized),
  wikipedia: reserved(LAUREATE_LEVEL_FIELDS.wikipedia),
  wikidata: reserved(LAUREATE_LEVEL_FIELDS.wikidata),
  laureatePrize: reserved(LAUREATE_LEVEL_FIELDS.laureatePrize),
  affiliation: reserved(LAUREATE_LEVEL_FIELDS.affiliation),
  laureateLink: reserved(LAUREATE_LEVEL_FIELDS.laureateLink),
};

/**
 * Whether the contract models this field of a record of that level. A Localized models every
 * text as a name, and its coordinates only as text: a latitude served as null is not modelled,
 * so that null as served and absent stay distinct.
 */
function isModelled(level: OtherFieldsLevel, key: string, value: unknown): boolean {
  if (level === 'localized') {
    if (typeof value === 'string') return true;
    if (value === null && LOCALIZED_UNMODELLED_WHEN_NULL.has(key)) return false;
  }
  return RESERVED[level].has(key);
}

/** How deeply otherFields may nest: the real API's records nest three levels at most. */
export const OTHER_FIELDS_MAX_DEPTH = 32;

function depthOf(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (limit <= 0) return Infinity;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, limit - 1));
  return deepest + 1;
}

/**
 * What is wrong with an `otherFields` value, or undefined when it is fine: it must be null or
 * the JSON text of an object, none of whose keys the contract models at that level, nested
 * OTHER_FIELDS_MAX_DEPTH levels at most.
 */
export function otherFieldsProblem(
  json: string | null,
  level: OtherFieldsLevel,
): string | undefined {
  if (json === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return 'expected the JSON text of an object, got text that is not JSON';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `expected the JSON text of an object, got ${Array.isArray(value) ? 'an array' : String(value === null ? 'null' : typeof value)}`;
  const modelled = Object.entries(value)
    .filter(([key, v]) => isModelled(level, key, v))
    .map(([key]) => key);
  if (modelled.length > 0) return `holds fields the contract models itself: ${modelled.join(', ')}`;
  if (depthOf(value, OTHER_FIELDS_MAX_DEPTH + 1) > OTHER_FIELDS_MAX_DEPTH)
    return `nests deeper than ${OTHER_FIELDS_MAX_DEPTH} levels`;
  return undefined;
}

/**
 * The unmodelled fields of a record, for output after the modelled ones: whatever is stored,
 * a key the contract models (or an event field such as `id`) never comes out of it, and text
 * that is not a JSON object gives nothing.
 */
export function otherFieldsOf(
  json: string | null | undefined,
  level: OtherFieldsLevel,
): Record<string, unknown> {
  if (json === null || json === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([key, v]) => !isModelled(level, key, v)));
}

const SOURCE_ORDER = {
  prize: PRIZE_SOURCE_FIELDS,
  laureate: LAUREATE_SOURCE_FIELDS,
  link: LINK_SOURCE_FIELDS,
  ...LAUREATE_LEVEL_FIELDS,
} as const satisfies Record<OtherFieldsLevel, readonly string[]>;

/** The modelled fields of a record of that level. */
export type SourceField<L extends OtherFieldsLevel> = (typeof SOURCE_ORDER)[L][number];

type MayBeAbsent<V> = null extends V ? true : undefined extends V ? true : false;
type Kept<T, L extends OtherFieldsLevel> = Extract<keyof T, SourceField<L>>;

/**
 * What inSourceOrder returns for a `T`: its modelled fields, those that may be null or
 * undefined made optional (they are dropped when absent), and the unmodelled ones as unknown.
 */
export type InSourceOrder<T, L extends OtherFieldsLevel> = {
  [K in Kept<T, L> as MayBeAbsent<T[K]> extends true ? never : K]: T[K];
} & {
  [K in Kept<T, L> as MayBeAbsent<T[K]> extends true ? K : never]?: Exclude<T[K], null | undefined>;
} & Record<string, unknown>;

/** A Localized's names as served: its texts, none of them one of its other modelled fields. */
function namesOf(names: unknown): Record<string, unknown> {
  if (names === null || typeof names !== 'object') return {};
  return Object.fromEntries(
    Object.entries(names).filter(
      ([key, value]) => typeof value === 'string' && !RESERVED.localized.has(key),
    ),
  );
}

/**
 * A record as the API serves it: the modelled fields that are present (not null), in the
 * API's key order, then the unmodelled ones from `otherFields` — never one of the modelled.
 * The one rule for rebuilding a source record: from an event (the fetcher's losslessness
 * proof) and from rows (the read API). A Localized (`{ names, sameAs, … }`) comes out as the
 * API serves it: its names first, as keys of their own (`{ en, no, se, sameAs, … }`).
 */
export function inSourceOrder<T extends object, L extends OtherFieldsLevel>(
  values: T,
  level: L,
  otherFields: string | null | undefined,
): InSourceOrder<T, L> {
  // Read by name: the loop below looks up each modelled field, whatever T declares.
  const fields = values as Record<string, unknown>;
  const out: Record<string, unknown> = level === 'localized' ? namesOf(fields.names) : {};
  for (const key of SOURCE_ORDER[level]) {
    const value = fields[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  const others = Object.entries(otherFieldsOf(otherFields, level)).filter(
    ([key]) => !Object.hasOwn(out, key),
  );
  // The cast states what the loop built: T's modelled fields without the absent ones, in order.
  return { ...out, ...Object.fromEntries(others) } as InSourceOrder<T, L>;
}
