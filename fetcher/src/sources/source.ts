import type { Logger, TopicsConfig } from '@nobel-pipeline/common';
import type { Codec, Contract, Contracts } from '@nobel-pipeline/schemas';
import type { z } from 'zod';
import type { TopicRecord } from '../kafka/read-to-end';
import type { Endpoint, FetchProgress, RunReader } from '../nobel/client';
import type { Provenance } from '../nobel/map-prize';
import type { AsServed } from '../nobel/source';
import { hashesFromRecords } from '../state/published-hashes';

/**
 * A source: one endpoint of the Nobel API, read in full by every run, its records mapped to
 * events on a compacted topic of their own, keyed by id. Each source is a file beside this one,
 * listed in `list.ts`; the client, the runner and the restore handle every source alike.
 */

/** What every source's event has: its key, the hash of the record, the run that read it. */
export interface KeyedEvent {
  id: string;
  contentHash: string;
  fetchRunId: string;
}

/** An event as the runner and the publisher see it, whatever its source. */
export interface SourceEvent extends Readonly<KeyedEvent> {
  /** The event validated and encoded for its source's topic (registry-framed Avro). */
  encode(): Promise<Buffer>;
}

/** What a source's read gave: pages, meta.count and the events of the records, in order. */
export interface SourceRead {
  pages: number;
  count: number;
  events: SourceEvent[];
}

/** What binds a source to its topic and its contract: the wiring's codec and configuration. */
export interface SourceWiring {
  codec: Codec;
  contracts: Contracts;
  topics: TopicsConfig;
}

/** A source bound to its topic: what the runner reads and the restore rebuilds hashes from. */
export interface Source {
  /** The endpoint, as in the URL, the page's array key and FetchRun's SourceRun.source. */
  readonly name: string;
  /** One record in words, for messages: "the API returned laureate 6 twice". */
  readonly noun: string;
  readonly topic: string;
  /** Reads every page of the endpoint in the run's reader, and maps the records to events. */
  read(
    reader: RunReader,
    fetchRunId: string,
    onProgress?: (progress: FetchProgress) => void,
  ): Promise<SourceRead>;
  /** id → contentHash from the records of its compacted topic (latest per key). */
  hashesFrom(records: readonly TopicRecord[], logger: Logger): Promise<Map<string, string>>;
}

/** A source as defined, before the wiring gives it a codec and a topic. */
export interface SourceDefinition {
  readonly name: string;
  bind(wiring: SourceWiring): Source;
}

/** The parts of one source, typed by its record and its event. */
export interface SourceSpec<TRecord, TEvent extends KeyedEvent> {
  name: string;
  noun: string;
  /**
   * Checks one record as served. Only its verdict is used: the record handed to `toEvent` is
   * the one served (`checkAsServed`), unknown fields included.
   */
  record: z.ZodType<TRecord>;
  /** The event of one validated record; `raw` is the record as served, for the hash. */
  toEvent(raw: unknown, record: AsServed<TRecord>, provenance: Provenance): TEvent;
  contract(contracts: Contracts): Contract<TEvent>;
  topic(topics: TopicsConfig): string;
}

/**
 * One source from its typed parts. The interface it returns is the same for every source; its
 * methods close over the record and event types, so that no caller needs them (nor a cast).
 */
export function defineSource<TRecord, TEvent extends KeyedEvent>(
  spec: SourceSpec<TRecord, TEvent>,
): SourceDefinition {
  const endpoint: Endpoint<TRecord> = { name: spec.name, record: spec.record };
  return {
    name: spec.name,
    bind({ codec, contracts, topics }) {
      const contract = spec.contract(contracts);
      const topic = spec.topic(topics);
      const encoder = codec.encoder(contract, topic);
      const decoder = codec.decoder(contract);
      return {
        name: spec.name,
        noun: spec.noun,
        topic,
        async read(reader, fetchRunId, onProgress) {
          // Each page's records are mapped (and hashed) while the next page is on its way.
          const events: SourceEvent[] = [];
          const { pages, count } = await reader.readAll(endpoint, onProgress, (records) => {
            for (const { raw, record, fetchedAt } of records) {
              const event = spec.toEvent(raw, record, { fetchedAt, fetchRunId });
              events.push({
                id: event.id,
                contentHash: event.contentHash,
                fetchRunId: event.fetchRunId,
                encode: () => encoder.encode(event),
              });
            }
          });
          return { pages, count, events };
        },
        hashesFrom: (records, logger) => hashesFromRecords(records, decoder, logger, spec.noun),
      };
    },
  };
}
