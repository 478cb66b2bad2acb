/**
 * Column sizes, shared by the models, the migrations and the sink's validation (a value that
 * does not fit is refused before it reaches the database).
 */
export const SIZES = {
  prizeId: 32,
  categoryCode: 16,
  laureateId: 32,
  runId: 64,
  name: 255,
  acronym: 64,
  portion: 16,
  dateText: 32,
  trigger: 16,
  outcome: 16,
  /** A FetchRun source: the endpoint's name (nobelPrizes, laureates). */
  source: 32,
  /** A laureate's gender and a prize status, as served ('female', 'received'). */
  shortText: 16,
  /** A Wikidata id ('Q157245'). */
  wikidataId: 32,
  /** The most affiliations or residences a prize of a laureate may have (SMALLINT positions). */
  positions: 32_767,
  /** TEXT columns hold 65,535 bytes. */
  text: 65_535,
} as const;

/** The languages that have columns of their own; any other goes into `extras`. */
export const LANGUAGES = ['en', 'no', 'se'] as const;
export type Language = (typeof LANGUAGES)[number];
