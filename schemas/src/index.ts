export * from './generated/types';
export { loadContracts, type Contracts } from './contracts';
export { loadContract, type Contract } from './contracts/contract';
export { DESIRED_STATE_KEY, FETCH_NOW_KEY, valueSubject } from './keys';
export { CATEGORY_CODES, type CategoryCode } from './categories';
export { prizeId, prizeLinkOf, prizeLinkTarget } from './prize-id';
export {
  INTERVAL_SECONDS,
  commandKey,
  commandProblem,
  desiredStateOf,
  desiredStateOfRecord,
  type DesiredState,
} from './commands';
export {
  PRIZE_SOURCE_FIELDS,
  PRIZE_EVENT_FIELDS,
  LAUREATE_SOURCE_FIELDS,
  LINK_SOURCE_FIELDS,
  OTHER_FIELDS_MAX_DEPTH,
  otherFieldsProblem,
  otherFieldsOf,
  inSourceOrder,
  type InSourceOrder,
  type OtherFieldsLevel,
  type SourceField,
} from './source-fields';
export {
  NOBEL_LAUREATE_SOURCE_FIELDS,
  NOBEL_LAUREATE_EVENT_FIELDS,
  LAUREATE_EVENT_SOURCE_FIELDS,
  PLACE_SOURCE_FIELDS,
  LOCALIZED_SOURCE_FIELDS,
  LOCALIZED_UNMODELLED_WHEN_NULL,
  WIKIPEDIA_SOURCE_FIELDS,
  WIKIDATA_SOURCE_FIELDS,
  LAUREATE_PRIZE_SOURCE_FIELDS,
  AFFILIATION_SOURCE_FIELDS,
  LAUREATE_LINK_SOURCE_FIELDS,
  LAUREATE_LEVEL_FIELDS,
  LAUREATE_VIEW_ADDED,
  type LaureateFieldsLevel,
} from './laureate-fields';
export { toLaureateSourceRecord } from './laureate-source-record';
export {
  createCodec,
  type Codec,
  type CodecDeps,
  type Decoder,
  type Encoder,
  type RegistryClient,
} from './codec/codec';
export { assertValid, validationIssues } from './codec/validate';
export { backwardProblems, type CompatibilityProblem } from './evolution/backward';
export {
  SchemaError,
  ValidationError,
  MalformedRecordError,
  UnknownSchemaIdError,
  IncompatibleSchemaError,
  SchemaRejectedError,
  RegistryUnavailableError,
  type ValidationIssue,
} from './errors';
export {
  READ_API_VIEWS,
  READ_LIMITS,
  languages,
  linkView,
  prizeLaureateView,
  prizeSourceView,
  prizeView,
  prizePage,
  laureatePrizeView,
  laureateView,
  laureatePage,
  laureateSourceFields,
  fetchRunView,
  runList,
  type Languages,
  type LinkView,
  type PrizeLaureateView,
  type PrizeSourceView,
  type PrizeView,
  type PrizePage,
  type LaureatePrizeView,
  type LaureateView,
  type LaureatePage,
  type FetchRunView,
  type RunList,
} from './http-api/views';
export {
  errorBody,
  commandAccepted,
  healthBody,
  readinessBody,
  statusBody,
  fetcherStatus,
  runInFlight,
  type ErrorBody,
  type CommandAccepted,
  type HealthBody,
  type ReadinessBody,
  type StatusBody,
  type FetcherStatus,
  type RunInFlight,
} from './http-api/bodies';
export { frame, unframe, MAGIC_BYTE, HEADER_LENGTH, type Framed } from './codec/wire';
export { registryStatus } from './codec/registry-errors';
export { createRegistryClient, DEFAULT_REGISTRY_TIMEOUT_MS } from './codec/registry-client';
