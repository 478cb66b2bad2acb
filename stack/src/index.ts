export {
  loadStackConfig,
  loadTopicsTarget,
  STACK_DEFAULTS,
  STACK_ENV,
  TOPICS_ENV,
  type TopicsTarget,
  type StackConfig,
  type Endpoint,
  type KafkaNode,
} from './config';
export { createStack, type Stack, type StackResult } from './stack';
export { stackConfigFor } from './cli/brokers';
export { partitionStates, type PartitionState } from './components/partitions';
export type { Component, ComponentStatus, Reporter } from './components/component';
export { runKafkaTool, resetToEarliestArgs, KAFKA_TOOLS, type ToolRun } from './tools';
export {
  StackError,
  PrerequisiteError,
  PortInUseError,
  NotReadyError,
  DownloadError,
} from './errors';
export { testDatabasePattern } from './components/mariadb-provision';
export {
  DEBEZIUM_JDBC_VERSION,
  ensureDebeziumJdbc,
  propertiesText,
  startConnectWorker,
  type ConnectWorker,
  type ConnectWorkerOptions,
} from './connect/connect-worker';
