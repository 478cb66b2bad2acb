import { z } from 'zod';
import {
  commandAccepted,
  errorBody,
  healthBody,
  READ_API_VIEWS,
  readinessBody,
  statusBody,
} from '@nobel-pipeline/schemas';
import { emptyBody, startBody } from '../commands/body';

/**
 * The OpenAPI document's schemas and query parameters, generated from the zod schemas the
 * service validates requests with and types its responses by: nothing about a body or a query
 * parameter is written twice.
 */

export type JsonSchema = { [key: string]: unknown };

const SCHEMA_REF = '#/components/schemas/';

/** Response bodies, by component name: described as the service sends them. */
const RESPONSES = {
  ...READ_API_VIEWS,
  Error: errorBody,
  CommandAccepted: commandAccepted,
  Health: healthBody,
  Readiness: readinessBody,
  Status: statusBody,
} as const;

/** Request bodies, by component name: described as a client sends them. */
const REQUESTS = { StartRequest: startBody, EmptyRequest: emptyBody } as const;

export type ComponentName = keyof typeof RESPONSES | keyof typeof REQUESTS;

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function generate(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): JsonSchema {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `${SCHEMA_REF}${id}`,
  }).schemas;
  // A schema reached twice without a name of its own would land in a `__shared` document
  // that the OpenAPI document does not have: name it in READ_API_VIEWS or the bodies.
  if (JSON.stringify(generated).includes('__shared')) {
    throw new Error('a schema is shared without a component name of its own');
  }
  return Object.fromEntries(
    Object.entries(generated).map(([id, schema]) => [id, withoutDialect(schema)]),
  );
}

/** components.schemas: every request and response body, each referring to the others by $ref. */
export function componentSchemas(): JsonSchema {
  return { ...generate(RESPONSES, 'output'), ...generate(REQUESTS, 'input') };
}

/** A `$ref` to a component schema, checked against the names above. */
export function schemaRef(name: ComponentName): { $ref: string } {
  return { $ref: `${SCHEMA_REF}${name}` };
}

/**
 * The query parameters of an operation, from the zod schema that validates its query: each
 * field's type, bounds and default (as the handler receives it: `limit` is an integer, sent as
 * its digits), its description, and whether it is required.
 */
export interface QueryParameter {
  name: string;
  in: 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export function queryParameters(query: z.ZodObject): QueryParameter[] {
  return Object.entries(query.shape).map(([name, field]) => {
    const generated = z.toJSONSchema(field, { target: 'draft-2020-12', io: 'output' });
    const { description, ...schema } = withoutDialect(generated);
    return {
      name,
      in: 'query' as const,
      required: !z.safeParse(field, undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema,
    };
  });
}
