import type { Kafka } from 'kafkajs';
import type { DbConfig } from '@nobel-pipeline/common';
import {
  createCodec,
  loadContracts,
  type FetchRun,
  type NobelLaureate,
  type NobelPrize,
  createRegistryClient,
} from '@nobel-pipeline/schemas';
import type { PipelineTopics } from '@nobel-pipeline/test-utils';
import { checksumReport, type AcknowledgedRecord, type ChecksumReport } from './checksum';
import { readStoredTables, type StoredTables } from './db-reader';
import { readCommitted, recordCount, type CommittedRecord } from './topic-reader';

/** What the checker found: the comparison, and what it read to make it. */
export interface CheckResult extends ChecksumReport {
  /** Committed records on the prizes, laureates and fetch-runs topics. */
  produced: number;
  /** Records on the two dead-letter topics. */
  dlq: number;
  /** The FetchRuns on the fetch-runs topic, in order. */
  fetchRuns: FetchRun[];
  /** Prize and laureate events, by the run that published them. */
  eventsByRun: Map<string, number>;
  /** Committed records that could not be decoded (they belong in the DLQ). */
  undecodable: number;
  tables: StoredTables;
}

export interface Checker {
  /** Reads the topics to their end and the tables, and compares them. */
  check(): Promise<CheckResult>;
}

export interface CheckerDeps {
  kafka: Kafka;
  registryUrl: string;
  db: DbConfig;
  topics: PipelineTopics;
}

/**
 * The shared check of every scenario: each key's latest committed value on the prizes and
 * laureates topics (newer wins, as the sink applies them) against the (id, content_hash)
 * rows of prizes and laureate_details, prize_laureates rows per prize against the event's
 * laureates, and every FetchRun against fetch_runs.
 */
export function createChecker(deps: CheckerDeps): Checker {
  const contracts = loadContracts();
  const codec = createCodec({ registry: createRegistryClient({ url: deps.registryUrl }) });
  const prizeDecoder = codec.decoder(contracts.nobelPrize);
  const laureateDecoder = codec.decoder(contracts.nobelLaureate);
  const runDecoder = codec.decoder(contracts.fetchRun);

  async function decodeAll<T>(
    records: readonly CommittedRecord[],
    decode: (value: Buffer) => Promise<T>,
  ): Promise<{ values: { key: string; value: T | null }[]; undecodable: number }> {
    const values: { key: string; value: T | null }[] = [];
    let undecodable = 0;
    for (const record of records) {
      if (record.key === undefined) {
        undecodable++;
        continue;
      }
      if (record.value === null) {
        values.push({ key: record.key, value: null });
        continue;
      }
      try {
        values.push({ key: record.key, value: await decode(record.value) });
      } catch {
        undecodable++;
      }
    }
    return { values, undecodable };
  }

  async function check(): Promise<CheckResult> {
    const { topics } = deps;
    const records = await readCommitted(deps.kafka, [
      topics.prizes,
      topics.laureates,
      topics.fetchRuns,
    ]);
    const on = (topic: string) => records.filter((r) => r.topic === topic);
    const prizes = await decodeAll<NobelPrize>(on(topics.prizes), (v) => prizeDecoder.decode(v));
    const laureates = await decodeAll<NobelLaureate>(on(topics.laureates), (v) =>
      laureateDecoder.decode(v),
    );
    const runs = await decodeAll<FetchRun>(on(topics.fetchRuns), (v) => runDecoder.decode(v));
    const eventsByRun = new Map<string, number>();
    const count = (runId: string) => eventsByRun.set(runId, (eventsByRun.get(runId) ?? 0) + 1);
    const prizeRecords: AcknowledgedRecord[] = prizes.values.map(({ key, value }) => {
      if (value === null) return { key, hash: null, fetchedAt: Number.MAX_SAFE_INTEGER };
      count(value.fetchRunId);
      const links = new Set((value.laureates ?? []).map((l) => l.id)).size;
      return { key, hash: value.contentHash, fetchedAt: value.fetchedAt, links };
    });
    const laureateRecords: AcknowledgedRecord[] = laureates.values.map(({ key, value }) => {
      if (value === null) return { key, hash: null, fetchedAt: Number.MAX_SAFE_INTEGER };
      count(value.fetchRunId);
      return { key, hash: value.contentHash, fetchedAt: value.fetchedAt };
    });
    const fetchRuns = runs.values.flatMap(({ value }) => (value === null ? [] : [value]));
    const tables = await readStoredTables(deps.db);
    const report = checksumReport({
      prizes: prizeRecords,
      laureates: laureateRecords,
      storedPrizes: tables.prizes,
      storedLaureates: tables.laureates,
      runs: fetchRuns.map((r) => r.runId),
      storedRuns: tables.runs,
    });
    const dlq =
      (await recordCount(deps.kafka, topics.prizesDlq)) +
      (await recordCount(deps.kafka, topics.commandsDlq));
    return {
      ...report,
      produced: records.length,
      dlq,
      fetchRuns,
      eventsByRun,
      undecodable: prizes.undecodable + laureates.undecodable + runs.undecodable,
      tables,
    };
  }

  return { check };
}
