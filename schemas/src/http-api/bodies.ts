import { z } from 'zod';
import { CommandTypeSymbols } from '../generated/types';
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

export const statusBody = z.strictObject({
  fetcher: z.strictObject({
    desiredState: z.enum(['STARTED', 'STOPPED', 'UNKNOWN']),
    intervalSeconds: z.number().int().nullable(),
    lastCommand: z
      .strictObject({ commandId: z.string(), issuedAt: z.string().nullable() })
      .nullable(),
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
});

export type ErrorBody = z.infer<typeof errorBody>;
export type CommandAccepted = z.infer<typeof commandAccepted>;
export type HealthBody = z.infer<typeof healthBody>;
export type ReadinessBody = z.infer<typeof readinessBody>;
export type StatusBody = z.infer<typeof statusBody>;
