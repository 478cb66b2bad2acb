import type { Kafka } from 'kafkajs';
import { parseEnv, toTopicsConfig, topicsEnv, type TopicsConfig } from '@nobel-pipeline/common';
import { createTopic } from './kafka';
import { uniqueTopic } from './names';

/**
 * The pipeline's topics for a test: unique names, each created with the shape the services
 * give the real one (partitions, compaction: common's defaults, whatever .env says), and the
 * variables that point a service at them.
 */

export type PipelineTopic = keyof TopicsConfig;
/** The names of some of the pipeline's topics, by their key in the services' configuration. */
export type PipelineTopics<K extends PipelineTopic = PipelineTopic> = Record<K, string>;

/** The variable that names each topic, as the services read it. */
export const TOPIC_VARIABLES: Record<PipelineTopic, keyof typeof topicsEnv> = {
  commands: 'TOPIC_COMMANDS',
  prizes: 'TOPIC_PRIZES',
  laureates: 'TOPIC_LAUREATES',
  fetchRuns: 'TOPIC_FETCH_RUNS',
  prizesDlq: 'TOPIC_PRIZES_DLQ',
  commandsDlq: 'TOPIC_COMMANDS_DLQ',
};

// Object.keys types its result as string[]; these are TOPIC_VARIABLES' own keys.
const ALL_TOPICS = Object.keys(TOPIC_VARIABLES) as PipelineTopic[];

/** Unique names for the topics `which` names (all of them by default); nothing is created. */
export function uniquePipelineTopics(prefix: string): PipelineTopics;
export function uniquePipelineTopics<K extends PipelineTopic>(
  prefix: string,
  which: readonly K[],
): PipelineTopics<K>;
export function uniquePipelineTopics(
  prefix: string,
  which: readonly PipelineTopic[] = ALL_TOPICS,
): Partial<PipelineTopics> {
  return Object.fromEntries(which.map((key) => [key, uniqueTopic(`${prefix}.${key}`)]));
}

/** Creates the topics, each shaped like the pipeline's own; resolves with their names. */
export async function createPipelineTopics<K extends PipelineTopic>(
  kafka: Kafka,
  topics: PipelineTopics<K>,
): Promise<PipelineTopics<K>> {
  const shapes = toTopicsConfig(parseEnv(topicsEnv, {}));
  for (const [key, name] of Object.entries<string>(topics)) {
    // The keys are those of PipelineTopics<K>: Object.entries widens them to string.
    const { partitions, compacted } = shapes[key as K];
    await createTopic(kafka, { name, partitions, compacted });
  }
  return topics;
}

/** The variables that point a service at these topics (TOPIC_PRIZES=…). */
export function pipelineTopicsEnv<K extends PipelineTopic>(
  topics: PipelineTopics<K>,
): Record<string, string> {
  return Object.fromEntries(
    // The keys are those of PipelineTopics<K>: Object.entries widens them to string.
    Object.entries<string>(topics).map(([key, name]) => [TOPIC_VARIABLES[key as K], name]),
  );
}
