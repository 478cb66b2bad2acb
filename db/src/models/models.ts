import {
  DataTypes,
  type Model,
  type ModelAttributes,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import type { FetchOutcome, FetchTrigger } from '@nobel-pipeline/schemas';
import { SIZES } from './columns';

/**
 * The normalised tables, as Sequelize models. The migrations create them; the models describe
 * them (a test compares the two) and are what the read API queries and the sink's upserts are
 * derived from. Column names are snake_case; per-language text has a column per language
 * (en, no, se); what has no column of its own — other languages, links, unmodelled source
 * fields — is kept in JSON, so that nothing of an event is lost. Models are defined per
 * Sequelize instance (sequelize.define), never bound globally.
 */

export interface PrizeRow {
  id: string;
  awardYear: number;
  categoryCode: string;
  categoryEn: string | null;
  categoryNo: string | null;
  categorySe: string | null;
  categoryFullNameEn: string | null;
  categoryFullNameNo: string | null;
  categoryFullNameSe: string | null;
  dateAwarded: string | null;
  prizeAmount: number;
  prizeAmountAdjusted: number;
  topMotivationEn: string | null;
  topMotivationNo: string | null;
  topMotivationSe: string | null;
  /** False for a source record without a `laureates` key (a year without an award). */
  hasLaureates: boolean;
  links: unknown;
  extras: unknown;
  contentHash: string;
  fetchRunId: string;
  fetchedAt: Date;
  updatedAt: Date;
}

export interface LaureateRow {
  id: string;
  kind: 'person' | 'organization';
  knownNameEn: string | null;
  knownNameNo: string | null;
  knownNameSe: string | null;
  fullNameEn: string | null;
  fullNameNo: string | null;
  fullNameSe: string | null;
  orgNameEn: string | null;
  orgNameNo: string | null;
  orgNameSe: string | null;
  acronym: string | null;
  nativeName: string | null;
  extras: unknown;
  fetchedAt: Date;
  updatedAt: Date;
}

export interface PrizeLaureateRow {
  prizeId: string;
  laureateId: string;
  portion: string;
  sortOrder: number;
  motivationEn: string | null;
  motivationNo: string | null;
  motivationSe: string | null;
  links: unknown;
  extras: unknown;
  updatedAt: Date;
}

export interface FetchRunRow {
  runId: string;
  trigger: FetchTrigger;
  startedAt: Date;
  finishedAt: Date;
  outcome: FetchOutcome;
  pages: number;
  prizesSeen: number;
  prizesChanged: number;
  prizesMissing: number;
  error: string | null;
  updatedAt: Date;
}

/** What a run read and published of one source (FetchRun v2). */
export interface FetchRunSourceRow {
  runId: string;
  source: string;
  pages: number;
  seen: number;
  changed: number;
  missing: number;
  updatedAt: Date;
}

/** Where a birth, death or founding happened (English names; the `now` variants too). */
export interface HappeningColumns {
  /** As served: '1943-00-00' stays as it is. */
  date: string | null;
  /** The same date when it is a whole one ('YYYY-MM-DD'), else null. */
  dateFull: string | null;
  cityEn: string | null;
  countryEn: string | null;
  cityNowEn: string | null;
  countryNowEn: string | null;
  continentEn: string | null;
}

/**
 * What the laureates source says of a laureate (one row per laureate event; `laureates` holds
 * what the prize events say). `sourceRecord` is the record as the API served it, whole.
 */
export interface LaureateDetailRow {
  id: string;
  kind: 'person' | 'organization';
  /** knownName.en, or orgName.en for an organisation. */
  nameEn: string | null;
  fullNameEn: string | null;
  gender: string | null;
  birthDate: string | null;
  birthDateFull: string | null;
  birthCityEn: string | null;
  birthCountryEn: string | null;
  birthCityNowEn: string | null;
  birthCountryNowEn: string | null;
  birthContinentEn: string | null;
  /** Of the city as it is now; decimal degrees. */
  birthLatitude: string | null;
  birthLongitude: string | null;
  deathDate: string | null;
  deathDateFull: string | null;
  deathCityEn: string | null;
  deathCountryEn: string | null;
  deathCityNowEn: string | null;
  deathCountryNowEn: string | null;
  deathContinentEn: string | null;
  deathLatitude: string | null;
  deathLongitude: string | null;
  foundedDate: string | null;
  foundedDateFull: string | null;
  foundedCityEn: string | null;
  foundedCountryEn: string | null;
  foundedCityNowEn: string | null;
  foundedCountryNowEn: string | null;
  foundedContinentEn: string | null;
  wikidataId: string | null;
  wikipediaSlug: string | null;
  sourceRecord: unknown;
  contentHash: string;
  fetchRunId: string;
  fetchedAt: Date;
  updatedAt: Date;
}

/** A laureate's prize as the laureates source gives it (with its status). */
export interface LaureateAwardRow {
  laureateId: string;
  prizeId: string;
  awardYear: number;
  categoryCode: string;
  sortOrder: number;
  portion: string;
  prizeStatus: string | null;
  dateAwarded: string | null;
  motivationEn: string | null;
  updatedAt: Date;
}

export interface PlaceColumns {
  cityEn: string | null;
  countryEn: string | null;
  cityNowEn: string | null;
  countryNowEn: string | null;
  continentEn: string | null;
}

/** Where the laureate worked when awarded: one row per affiliation of a prize, in order. */
export interface LaureateAffiliationRow extends PlaceColumns {
  laureateId: string;
  prizeId: string;
  position: number;
  nameEn: string | null;
  nameNowEn: string | null;
  latitude: string | null;
  longitude: string | null;
  updatedAt: Date;
}

/** Where the laureate lived when awarded: one row per residence of a prize, in order. */
export interface LaureateResidenceRow extends PlaceColumns {
  laureateId: string;
  prizeId: string;
  position: number;
  updatedAt: Date;
}

/**
 * Every laureate either source knows, once, with the name the list sorts by (the laureates
 * source's, else the prize events'). Each writer sets its own name column; see
 * `write/laureate-directory.ts`.
 */
export interface LaureateDirectoryRow {
  id: string;
  namesNameEn: string | null;
  /** The `fetched_at` of the `laureates` row `namesNameEn` comes from (newer wins). */
  namesFetchedAt: Date | null;
  detailsNameEn: string | null;
  sortNameEn: string | null;
}

export type Instance<Row extends object> = Model<Row, Row> & Row;

export interface Models {
  Prize: ModelStatic<Instance<PrizeRow>>;
  Laureate: ModelStatic<Instance<LaureateRow>>;
  PrizeLaureate: ModelStatic<Instance<PrizeLaureateRow>>;
  FetchRun: ModelStatic<Instance<FetchRunRow>>;
  FetchRunSource: ModelStatic<Instance<FetchRunSourceRow>>;
  LaureateDetail: ModelStatic<Instance<LaureateDetailRow>>;
  LaureateAward: ModelStatic<Instance<LaureateAwardRow>>;
  LaureateAffiliation: ModelStatic<Instance<LaureateAffiliationRow>>;
  LaureateResidence: ModelStatic<Instance<LaureateResidenceRow>>;
  LaureateDirectory: ModelStatic<Instance<LaureateDirectoryRow>>;
}

const key = (size: number) => ({
  type: DataTypes.STRING(size),
  primaryKey: true,
  allowNull: false,
});
const required = (type: DataTypes.DataType) => ({ type, allowNull: false });
const nullable = (type: DataTypes.DataType) => ({ type, allowNull: true });
const name = () => nullable(DataTypes.STRING(SIZES.name));
const longText = () => nullable(DataTypes.TEXT);
const timestamp = () => required(DataTypes.DATE(3));

const prizeAttributes: ModelAttributes<Instance<PrizeRow>> = {
  id: key(SIZES.prizeId),
  awardYear: required(DataTypes.SMALLINT),
  categoryCode: required(DataTypes.STRING(SIZES.categoryCode)),
  categoryEn: name(),
  categoryNo: name(),
  categorySe: name(),
  categoryFullNameEn: name(),
  categoryFullNameNo: name(),
  categoryFullNameSe: name(),
  dateAwarded: nullable(DataTypes.STRING(SIZES.dateText)),
  prizeAmount: required(DataTypes.BIGINT),
  prizeAmountAdjusted: required(DataTypes.BIGINT),
  topMotivationEn: longText(),
  topMotivationNo: longText(),
  topMotivationSe: longText(),
  hasLaureates: required(DataTypes.BOOLEAN),
  links: required(DataTypes.JSON),
  extras: nullable(DataTypes.JSON),
  contentHash: required(DataTypes.CHAR(64)),
  fetchRunId: required(DataTypes.STRING(SIZES.runId)),
  fetchedAt: timestamp(),
  updatedAt: timestamp(),
};

const laureateAttributes: ModelAttributes<Instance<LaureateRow>> = {
  id: key(SIZES.laureateId),
  kind: required(DataTypes.ENUM('person', 'organization')),
  knownNameEn: name(),
  knownNameNo: name(),
  knownNameSe: name(),
  fullNameEn: name(),
  fullNameNo: name(),
  fullNameSe: name(),
  orgNameEn: name(),
  orgNameNo: name(),
  orgNameSe: name(),
  acronym: nullable(DataTypes.STRING(SIZES.acronym)),
  nativeName: name(),
  extras: nullable(DataTypes.JSON),
  fetchedAt: timestamp(),
  updatedAt: timestamp(),
};

const prizeLaureateAttributes: ModelAttributes<Instance<PrizeLaureateRow>> = {
  prizeId: key(SIZES.prizeId),
  laureateId: key(SIZES.laureateId),
  portion: required(DataTypes.STRING(SIZES.portion)),
  sortOrder: required(DataTypes.SMALLINT),
  motivationEn: longText(),
  motivationNo: longText(),
  motivationSe: longText(),
  links: required(DataTypes.JSON),
  extras: nullable(DataTypes.JSON),
  updatedAt: timestamp(),
};

const fetchRunAttributes: ModelAttributes<Instance<FetchRunRow>> = {
  runId: key(SIZES.runId),
  trigger: required(DataTypes.STRING(SIZES.trigger)),
  startedAt: timestamp(),
  finishedAt: timestamp(),
  outcome: required(DataTypes.STRING(SIZES.outcome)),
  pages: required(DataTypes.INTEGER),
  prizesSeen: required(DataTypes.INTEGER),
  prizesChanged: required(DataTypes.INTEGER),
  prizesMissing: required(DataTypes.INTEGER),
  error: longText(),
  updatedAt: timestamp(),
};

const fetchRunSourceAttributes: ModelAttributes<Instance<FetchRunSourceRow>> = {
  runId: key(SIZES.runId),
  source: key(SIZES.source),
  pages: required(DataTypes.INTEGER),
  seen: required(DataTypes.INTEGER),
  changed: required(DataTypes.INTEGER),
  missing: required(DataTypes.INTEGER),
  updatedAt: timestamp(),
};

const coordinate = () => nullable(DataTypes.DECIMAL(9, 6));
const dateAsServed = () => nullable(DataTypes.STRING(SIZES.dateText));
const shortText = () => nullable(DataTypes.STRING(SIZES.shortText));

const placeAttributes = {
  cityEn: name(),
  countryEn: name(),
  cityNowEn: name(),
  countryNowEn: name(),
  continentEn: name(),
};

const laureateDetailAttributes: ModelAttributes<Instance<LaureateDetailRow>> = {
  id: key(SIZES.laureateId),
  kind: required(DataTypes.ENUM('person', 'organization')),
  nameEn: name(),
  fullNameEn: name(),
  gender: shortText(),
  birthDate: dateAsServed(),
  birthDateFull: nullable(DataTypes.DATEONLY),
  birthCityEn: name(),
  birthCountryEn: name(),
  birthCityNowEn: name(),
  birthCountryNowEn: name(),
  birthContinentEn: name(),
  birthLatitude: coordinate(),
  birthLongitude: coordinate(),
  deathDate: dateAsServed(),
  deathDateFull: nullable(DataTypes.DATEONLY),
  deathCityEn: name(),
  deathCountryEn: name(),
  deathCityNowEn: name(),
  deathCountryNowEn: name(),
  deathContinentEn: name(),
  deathLatitude: coordinate(),
  deathLongitude: coordinate(),
  foundedDate: dateAsServed(),
  foundedDateFull: nullable(DataTypes.DATEONLY),
  foundedCityEn: name(),
  foundedCountryEn: name(),
  foundedCityNowEn: name(),
  foundedCountryNowEn: name(),
  foundedContinentEn: name(),
  wikidataId: nullable(DataTypes.STRING(SIZES.wikidataId)),
  wikipediaSlug: name(),
  sourceRecord: required(DataTypes.JSON),
  contentHash: required(DataTypes.CHAR(64)),
  fetchRunId: required(DataTypes.STRING(SIZES.runId)),
  fetchedAt: timestamp(),
  updatedAt: timestamp(),
};

const laureateAwardAttributes: ModelAttributes<Instance<LaureateAwardRow>> = {
  laureateId: key(SIZES.laureateId),
  prizeId: key(SIZES.prizeId),
  awardYear: required(DataTypes.SMALLINT),
  categoryCode: required(DataTypes.STRING(SIZES.categoryCode)),
  sortOrder: required(DataTypes.SMALLINT),
  portion: required(DataTypes.STRING(SIZES.portion)),
  prizeStatus: shortText(),
  dateAwarded: dateAsServed(),
  motivationEn: longText(),
  updatedAt: timestamp(),
};

const position = () => ({ type: DataTypes.SMALLINT, primaryKey: true, allowNull: false });

const laureateAffiliationAttributes: ModelAttributes<Instance<LaureateAffiliationRow>> = {
  laureateId: key(SIZES.laureateId),
  prizeId: key(SIZES.prizeId),
  position: position(),
  nameEn: name(),
  nameNowEn: name(),
  ...placeAttributes,
  latitude: coordinate(),
  longitude: coordinate(),
  updatedAt: timestamp(),
};

const laureateResidenceAttributes: ModelAttributes<Instance<LaureateResidenceRow>> = {
  laureateId: key(SIZES.laureateId),
  prizeId: key(SIZES.prizeId),
  position: position(),
  ...placeAttributes,
  updatedAt: timestamp(),
};

const laureateDirectoryAttributes: ModelAttributes<Instance<LaureateDirectoryRow>> = {
  id: key(SIZES.laureateId),
  namesNameEn: name(),
  namesFetchedAt: nullable(DataTypes.DATE(3)),
  detailsNameEn: name(),
  sortNameEn: name(),
};

/** The tables the models read and write: the migrations create them. */
export const TABLES = [
  'prizes',
  'laureates',
  'prize_laureates',
  'fetch_runs',
  'fetch_run_sources',
  'laureate_details',
  'laureate_awards',
  'laureate_affiliations',
  'laureate_residences',
  'laureate_directory',
] as const;
export type TableName = (typeof TABLES)[number];

/** Defines the models on a Sequelize instance (no sync(): the schema comes from migrations). */
export function defineModels(sequelize: Sequelize): Models {
  const options = (tableName: TableName) => ({
    tableName,
    underscored: true,
    timestamps: false,
    freezeTableName: true,
  });
  const Prize = sequelize.define<Instance<PrizeRow>>('Prize', prizeAttributes, options('prizes'));
  const Laureate = sequelize.define<Instance<LaureateRow>>(
    'Laureate',
    laureateAttributes,
    options('laureates'),
  );
  const PrizeLaureate = sequelize.define<Instance<PrizeLaureateRow>>(
    'PrizeLaureate',
    prizeLaureateAttributes,
    options('prize_laureates'),
  );
  const FetchRun = sequelize.define<Instance<FetchRunRow>>(
    'FetchRun',
    fetchRunAttributes,
    options('fetch_runs'),
  );

  const FetchRunSource = sequelize.define<Instance<FetchRunSourceRow>>(
    'FetchRunSource',
    fetchRunSourceAttributes,
    options('fetch_run_sources'),
  );

  const LaureateDetail = sequelize.define<Instance<LaureateDetailRow>>(
    'LaureateDetail',
    laureateDetailAttributes,
    options('laureate_details'),
  );
  const LaureateAward = sequelize.define<Instance<LaureateAwardRow>>(
    'LaureateAward',
    laureateAwardAttributes,
    options('laureate_awards'),
  );
  const LaureateAffiliation = sequelize.define<Instance<LaureateAffiliationRow>>(
    'LaureateAffiliation',
    laureateAffiliationAttributes,
    options('laureate_affiliations'),
  );
  const LaureateResidence = sequelize.define<Instance<LaureateResidenceRow>>(
    'LaureateResidence',
    laureateResidenceAttributes,
    options('laureate_residences'),
  );

  const LaureateDirectory = sequelize.define<Instance<LaureateDirectoryRow>>(
    'LaureateDirectory',
    laureateDirectoryAttributes,
    options('laureate_directory'),
  );

  Prize.hasMany(PrizeLaureate, { foreignKey: 'prizeId', as: 'entries' });
  PrizeLaureate.belongsTo(Prize, { foreignKey: 'prizeId', as: 'prize' });
  PrizeLaureate.belongsTo(Laureate, { foreignKey: 'laureateId', as: 'laureate' });
  Laureate.hasMany(PrizeLaureate, { foreignKey: 'laureateId', as: 'entries' });

  return {
    Prize,
    Laureate,
    PrizeLaureate,
    FetchRun,
    FetchRunSource,
    LaureateDetail,
    LaureateAward,
    LaureateAffiliation,
    LaureateResidence,
    LaureateDirectory,
  };
}
