import { z } from 'zod';
import { CommandTypeSymbols, FetchTriggerSymbols } from '../generated/types';
import { fetchRunView } from './views';

/**
 * The bodies ingest-api answers with, besides the read API's views (views.ts): errors,
 * accepted commands, health, readiness and status. The handlers are typed with the types
 * inferred here, and the OpenAPI document's components are generated from these schemas, so
 * the two cannot drift apart.
 */

export const errorBody = z.strictObject({
  error: z.string().describe('A stable code, e.g. invalid_body, kafka_unavailable.'),
  message: z.string(),
  details: z.array(z.strictObject({ path: z.string(), problem: z.string() })),
});

export const commandAccepted = z.strictObject({
  commandId: z.uuid(),
  type: z.enum(CommandTypeSymbols),
  intervalSeconds: z.number().int().nullable(),
  issuedAt: z.iso.datetime(),
});

export const healthBody = z.strictObject({ status: z.literal('ok') });

export const readinessBody = z.strictObject({
  status: z.enum(['ready', 'not_ready']),
  stopping: z.boolean(),
  checks: z.record(z.string(), z.strictObject({ ok: z.boolean(), error: z.string().optional() })),
});

const partitionLag = z.strictObject({
  topic: z.string(),
  partition: z.number().int(),
  committed: z.string().describe('The next offset the sink will read (-1: nothing committed).'),
  end: z.string(),
  lag: z.number().int(),
});

/** The run a fetcher has in flight, as its own GET /status shows it. */
export const runInFlight = z.strictObject({
  trigger: z.enum(FetchTriggerSymbols),
  since: z.iso.datetime(),
  pagesRead: z.number().int().min(0),
  pagesTotal: z
    .number()
    .int()
    .min(0)
    .nullable()
    .describe('An estimate from meta.count; null before the first page.'),
});

/**
 * What ingest-api reads of a fetcher's own GET /status (the fetcher's health port): whether it
 * is the active instance, its run in flight, and its next scheduled run. The fetcher answers
 * more (its last run, its version…); those fields pass through unread.
 */
export const fetcherStatus = z.looseObject({
  active: z.boolean(),
  running: runInFlight.nullable(),
  nextRunAt: z.iso.datetime().nullable(),
});

const fetcherInstance = z.strictObject({
  memberId: z
    .string()
    .describe("Kafka's id of the group member: unique, where instances share a client id."),
  clientId: z.string(),
  host: z.string(),
  active: z.boolean().describe('It owns the commands partition: it is the one that polls.'),
});

const topicRecords = z.strictObject({ topic: z.string(), records: z.number().int().min(0) });

export const statusBody = z.strictObject({
  fetcher: z.strictObject({
    desiredState: z.enum(['STARTED', 'STOPPED', 'UNKNOWN']),
    intervalSeconds: z.number().int().nullable(),
    lastCommand: z
      .strictObject({ commandId: z.string(), issuedAt: z.string().nullable() })
      .nullable(),
    instances: z
      .union([
        z.array(fetcherInstance),
        z.strictObject({ error: z.string().describe('Why the group could not be read.') }),
      ])
      .describe("The members of the fetcher's consumer group, the active one first."),
    live: z
      .union([
        z.strictObject({ running: runInFlight.nullable(), nextRunAt: z.iso.datetime().nullable() }),
        z.strictObject({ error: z.string().describe('Why no fetcher could be asked.') }),
      ])
      .nullable()
      .describe(
        "The active fetcher's run in flight and next run, from its own GET /status (FETCHER_URLS); null when FETCHER_URLS is not set.",
      ),
  }),
  lastRun: fetchRunView.nullable(),
  nextRunExpectedAt: z.iso.datetime().nullable(),
  sink: z.union([
    z.strictObject({ lag: z.array(partitionLag), totalLag: z.number().int() }),
    z.strictObject({ error: z.string().describe('Why the lag could not be read.') }),
  ]),
  database: z.strictObject({
    status: z.enum(['ready', 'not_migrated', 'unavailable']),
    message: z.string(),
  }),
  dlq: z
    .union([
      z.strictObject({ topics: z.array(topicRecords), total: z.number().int().min(0) }),
      z.strictObject({ error: z.string().describe('Why the DLQ topics could not be read.') }),
    ])
    .describe('Records in the dead-letter topics (the prizes DLQ and the commands DLQ).'),
});

export type ErrorBody = z.infer<typeof errorBody>;
export type CommandAccepted = z.infer<typeof commandAccepted>;
export type HealthBody = z.infer<typeof healthBody>;
export type ReadinessBody = z.infer<typeof readinessBody>;
export type StatusBody = z.infer<typeof statusBody>;
export type RunInFlight = z.infer<typeof runInFlight>;
export type FetcherStatus = z.infer<typeof fetcherStatus>;
