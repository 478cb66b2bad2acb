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

export type Instance<Row extends object> = Model<Row, Row> & Row;

export interface Models {
  Prize: ModelStatic<Instance<PrizeRow>>;
  Laureate: ModelStatic<Instance<LaureateRow>>;
  PrizeLaureate: ModelStatic<Instance<PrizeLaureateRow>>;
  FetchRun: ModelStatic<Instance<FetchRunRow>>;
  FetchRunSource: ModelStatic<Instance<FetchRunSourceRow>>;
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

/** The tables the models read and write: the migrations create them. */
export const TABLES = [
  'prizes',
  'laureates',
  'prize_laureates',
  'fetch_runs',
  'fetch_run_sources',
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

  Prize.hasMany(PrizeLaureate, { foreignKey: 'prizeId', as: 'entries' });
  PrizeLaureate.belongsTo(Prize, { foreignKey: 'prizeId', as: 'prize' });
  PrizeLaureate.belongsTo(Laureate, { foreignKey: 'laureateId', as: 'laureate' });
  Laureate.hasMany(PrizeLaureate, { foreignKey: 'laureateId', as: 'entries' });

  return { Prize, Laureate, PrizeLaureate, FetchRun, FetchRunSource };
}
