import { BODY_LIMIT_BYTES } from '../http/body';
import { INTERVAL_SECONDS } from '../commands/body';

/**
 * The OpenAPI 3.1 description of every endpoint, served at GET /openapi.json. A test checks
 * that each route of the app is here (and nothing else), and that the responses the tests
 * receive match the schemas below.
 */

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const commandOperation = (summary: string, description: string, body: string) => ({
  summary,
  description,
  security: [{}, { bearerAuth: [] }],
  requestBody: {
    required: false,
    description: `Optional; at most ${BODY_LIMIT_BYTES} bytes of application/json.`,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${body}` } } },
  },
  responses: {
    '202': {
      description: 'Kafka acknowledged the command (acks from all in-sync replicas).',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandAccepted' } } },
    },
    '400': errorResponse('The body is not JSON, or not a valid request (see details).'),
    '401': errorResponse('API_TOKEN is set and the bearer token is missing or wrong.'),
    '413': errorResponse('The body is larger than 16 KiB.'),
    '415': errorResponse('The body is not declared application/json.'),
    '503': errorResponse('Kafka or the schema registry is not reachable; nothing was written.'),
  },
});

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nobel pipeline ingest-api',
      version,
      description:
        'Controls the fetcher through Avro commands on Kafka, and serves what the pipeline has persisted.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: {
      '/': {
        get: {
          summary: 'Service information',
          responses: {
            '200': {
              description: 'What this service is and where its endpoints are.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/ServiceInfo' } },
              },
            },
          },
        },
      },
      '/start': {
        post: commandOperation(
          'Start polling',
          'Produces a START command (key `fetcher`): the fetcher runs now and then every intervalSeconds (default: its FETCH_INTERVAL_SECONDS). A START while started only changes the interval.',
          'StartRequest',
        ),
      },
      '/stop': {
        post: commandOperation(
          'Stop polling',
          'Produces a STOP command (key `fetcher`): the fetcher aborts a run in flight and schedules nothing more.',
          'EmptyRequest',
        ),
      },
      '/fetch': {
        post: commandOperation(
          'Fetch once, now',
          'Produces a FETCH_NOW command (key `fetcher.fetch-now`): one run now, whatever the state; the desired state does not change.',
          'EmptyRequest',
        ),
      },
      '/healthz': {
        get: {
          summary: 'Liveness',
          responses: {
            '200': {
              description: 'The process is alive.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } },
            },
          },
        },
      },
      '/readyz': {
        get: {
          summary: 'Readiness',
          responses: {
            '200': {
              description: 'Kafka and the schema registry answer.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Readiness' } },
              },
            },
            '503': {
              description:
                'A dependency does not answer, or the service is shutting down; see checks.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/Readiness' } },
              },
            },
          },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          responses: {
            '200': {
              description: 'Process metrics, commands produced by type, HTTP request durations.',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/openapi.json': {
        get: {
          summary: 'This document',
          responses: {
            '200': {
              description: 'The OpenAPI 3.1 document.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'Required on POST endpoints when the service runs with API_TOKEN.',
        },
      },
      schemas: {
        StartRequest: {
          type: 'object',
          additionalProperties: false,
          properties: {
            intervalSeconds: {
              type: 'integer',
              minimum: INTERVAL_SECONDS.min,
              maximum: INTERVAL_SECONDS.max,
              description: 'Seconds between runs.',
            },
          },
        },
        EmptyRequest: { type: 'object', additionalProperties: false, properties: {} },
        CommandAccepted: {
          type: 'object',
          additionalProperties: false,
          required: ['commandId', 'type', 'intervalSeconds', 'issuedAt'],
          properties: {
            commandId: { type: 'string', format: 'uuid' },
            type: { type: 'string', enum: ['START', 'STOP', 'FETCH_NOW'] },
            intervalSeconds: { type: ['integer', 'null'] },
            issuedAt: { type: 'string', format: 'date-time' },
          },
        },
        Error: {
          type: 'object',
          additionalProperties: false,
          required: ['error', 'message', 'details'],
          properties: {
            error: {
              type: 'string',
              description: 'A stable code, e.g. invalid_body, kafka_unavailable.',
            },
            message: { type: 'string' },
            details: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['path', 'problem'],
                properties: { path: { type: 'string' }, problem: { type: 'string' } },
              },
            },
          },
        },
        ServiceInfo: {
          type: 'object',
          required: ['service', 'version', 'endpoints'],
          properties: {
            service: { type: 'string' },
            version: { type: 'string' },
            documentation: { type: 'string' },
            endpoints: { type: 'array', items: { type: 'string' } },
          },
        },
        Health: {
          type: 'object',
          required: ['status'],
          properties: { status: { const: 'ok' } },
        },
        Readiness: {
          type: 'object',
          required: ['status', 'stopping', 'checks'],
          properties: {
            status: { enum: ['ready', 'not_ready'] },
            stopping: { type: 'boolean' },
            checks: {
              type: 'object',
              additionalProperties: {
                type: 'object',
                required: ['ok'],
                properties: { ok: { type: 'boolean' }, error: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  } as const;
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
