export { createSequelize, type CreateSequelizeOptions } from './connection';
export {
  DatabaseError,
  asDatabaseError,
  isRetriableDbError,
  dbErrorKind,
  dbFailureKind,
  type DbFailureKind,
} from './errors';
export {
  defineModels,
  TABLES,
  type TableName,
  type Models,
  type Instance,
  type PrizeRow,
  type LaureateRow,
  type PrizeLaureateRow,
  type FetchRunRow,
  type LaureateDetailRow,
  type LaureateAwardRow,
  type LaureateAffiliationRow,
  type LaureateResidenceRow,
} from './models/models';
export { SIZES, LANGUAGES, type Language } from './models/columns';
export { migrate, migrateDatabase, createMigrator, MIGRATIONS_TABLE } from './migrations/migrator';
export { readSchemaState, type SchemaState } from './migrations/schema-state';
export { MIGRATIONS, type Migration } from './migrations/index';
export { MIGRATE_ENV } from './migrations/env';
export {
  prizeRows,
  runRows,
  type PrizeRows,
  type RunRows,
  type PrizeExtras,
  type LaureateExtras,
  type EntryExtras,
} from './mapping/to-rows';
export {
  apiPrize,
  apiLaureateEntry,
  apiLaureateNames,
  apiShare,
  apiFetchRun,
  type EntryWithLaureate,
} from './mapping/to-api';
export {
  addWriteResults,
  createPrizeWriter,
  NOTHING_WRITTEN,
  type PrizeWriter,
  type WriteBatch,
  type WriteResult,
  type RawConnection,
} from './write/prize-writer';
export { ROWS_PER_STATEMENT } from './write/upsert-sql';
export { fillLaureateDirectory } from './write/laureate-directory';
export {
  upsertShape,
  upsertStatement,
  chunks,
  byKey,
  type UpsertShape,
  type Statement,
} from './write/upsert-sql';
export { createPrizeReader, type PrizeReader, type PrizeQuery } from './read/prize-reader';
export { type LaureateQuery } from './read/laureate-reader';
export {
  laureateRows,
  laureatePrizeOf,
  fullDate,
  coordinate,
  type LaureateRows,
} from './mapping/laureate-rows';
export { DATETIME_RANGE, toUtcDateTime } from './write/datetime';
