/**
 * Kafka keys are plain UTF-8 strings; values are registry-framed Avro. Subjects follow the
 * topic-name strategy.
 */

/** Key of START and STOP commands: the desired state, kept by compaction. */
export const DESIRED_STATE_KEY = 'fetcher';

/** Key of FETCH_NOW commands: one-off requests that compaction never puts before the state. */
export const FETCH_NOW_KEY = 'fetcher.fetch-now';

/** The registry subject of a topic's values (topic-name strategy). */
export function valueSubject(topic: string): string {
  return `${topic}-value`;
}
