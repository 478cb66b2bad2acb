export { uniqueName, uniqueTopic, uniqueGroup, uniqueDatabase } from './names';
export { waitFor, WAIT_DEFAULTS, type WaitForOptions } from './wait-for';
// The bound on a wait, from common (the stack's waits use it too).
export { within, type Within } from '@nobel-pipeline/common';
export { loadTestConfig, type TestConfig } from './config';
export {
  createTestKafka,
  testKafka,
  createTopic,
  consumeMessages,
  collect,
  type Collector,
  type ConsumedMessage,
  type TestTopic,
} from './kafka';
export { produceRecords, PRODUCE_BATCH } from './produce';
export {
  createEndOffsetReader,
  leaderAddress,
  type BrokerAddress,
  type EndOffsetReader,
  type EndOffsets,
} from './end-offsets';
export { caughtUp } from './caught-up';
export { groupCoordinatedBy, groupCoordinator } from './group-coordinator';
export {
  uniquePipelineTopics,
  createPipelineTopics,
  pipelineTopicsEnv,
  TOPIC_VARIABLES,
  type PipelineTopic,
  type PipelineTopics,
} from './pipeline-topics';
export { createTestRegistry } from './registry';
export { connectAsApp, createTestDatabase, type TestDatabase } from './db';
export { createFakeRegistry } from './fake-registry';
export {
  freePort,
  startService,
  type RunningService,
  type ServiceOptions,
} from './service-process';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { seededRandom, syntheticPrize, syntheticPrizes } from './synthetic-prizes';
export { ROOT, startPipelineProcesses, type PipelineProcesses } from './pipeline-processes';
export { metricValue, percentile, timeRequests } from './measure';
