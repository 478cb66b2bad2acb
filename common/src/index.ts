export {
  PipelineError,
  ConfigError,
  codeOf,
  errorCode,
  isProgrammerError,
  isRetriable,
  errorMessage,
  type ConfigIssue,
} from './errors';
export {
  retry,
  backoff,
  RetryStoppedError,
  RETRY_DEFAULTS,
  type RetryOptions,
  type RetryEvent,
} from './retry/retrier';
export { loadEnv, findEnvFile, type Env, type LoadEnvOptions, type LoadedEnv } from './config/env';
export { parseEnv, type EnvShape, type ParsedEnv } from './config/parse';
export * from './config/types';
export * from './config/sections';
export { createLogger, type CreateLoggerOptions, type Logger } from './logger';
export {
  createKafkaClient,
  kafkaLogCreator,
  replicationFor,
  replicationEntries,
  createTopicsWithLeaders,
  partitionCount,
  createPartitionCounts,
  type PartitionCounts,
  type CreateKafkaOptions,
  type Replication,
} from './kafka';
export {
  createGroupConsumer,
  deleteGroup,
  type GroupConsumer,
  type GroupConsumerOptions,
} from './group-consumer';
export { createRenewingProducer, type RenewingProducer } from './producer';
export { createHealthServer, listen, type HealthDeps, type MetricsRegistry } from './health-server';
export { exitOnSignals } from './shutdown';
export { runService, type Service } from './service';
export { createDlq, DLQ_HEADERS, type DeadLetter, type Dlq } from './dlq';
export {
  recordBytes,
  partitionRecords,
  sendByPartition,
  type Send,
  REQUEST_BYTES,
  splitIntoRequests,
  type OutgoingRecord,
  type RequestLimits,
} from './produce-requests';
export { consumerLag, caughtUp, type PartitionLag } from './consumer-lag';
export { topicRecords, type TopicRecords } from './topic-records';
export { readiness, type ReadinessCheck, type ReadinessReport } from './readiness';
export { within, type Within } from './within';
export { createPartitionCommits, type Commit, type PartitionCommits } from './partition-commits';
