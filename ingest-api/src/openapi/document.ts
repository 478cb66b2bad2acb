import { BODY_LIMIT_BYTES } from '../http/body';
import { CATEGORY_CODES, INTERVAL_SECONDS } from '@nobel-pipeline/schemas';

/**
 * The OpenAPI 3.1 description of every endpoint, served at GET /openapi.json. A test checks
 * that each route of the app is here (and nothing else), and that the responses the tests
 * receive match the schemas below.
 */

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const jsonResponse = (description: string, schema: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

const databaseUnavailable = errorResponse(
  'database_not_migrated: the database has not been migrated (run `npm run migrate`; details list the pending migrations and missing tables). database_unavailable: the database cannot be reached or read (details give the reason). Retry-After: 5.',
);

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
    '403': errorResponse(
      'forbidden_origin: sent by a browser page of another site (its Origin is not this service nor in HTTP_ALLOWED_ORIGINS).',
    ),
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
          summary: 'Persisted prizes, newest first',
          description:
            'The same as GET /prizes without filters: what the pipeline has stored, newest award year first.',
          parameters: [
            { $ref: '#/components/parameters/limit' },
            { $ref: '#/components/parameters/offset' },
          ],
          responses: {
            '200': jsonResponse('A page of prizes.', 'PrizeList'),
            '400': errorResponse('Invalid query.'),
            '503': databaseUnavailable,
          },
        },
      },
      '/prizes': {
        get: {
          summary: 'Search persisted prizes',
          parameters: [
            {
              name: 'year',
              in: 'query',
              schema: { type: 'integer', minimum: 1000, maximum: 9999 },
              description: 'Award year; with yearTo, the first year of a range.',
            },
            {
              name: 'yearTo',
              in: 'query',
              schema: { type: 'integer', minimum: 1000, maximum: 9999 },
              description: 'Last award year of a range that year starts (needs year).',
            },
            {
              name: 'category',
              in: 'query',
              schema: { enum: [...CATEGORY_CODES] },
              description: 'Category code: che, eco, lit, pea, phy, med.',
            },
            {
              name: 'laureate',
              in: 'query',
              schema: { type: 'string', minLength: 1, maxLength: 100 },
              description: "Part of a laureate's English known, full or organisation name.",
            },
            { $ref: '#/components/parameters/limit' },
            { $ref: '#/components/parameters/offset' },
          ],
          responses: {
            '200': jsonResponse('A page of prizes and the total number of matches.', 'PrizeList'),
            '400': errorResponse('Invalid query.'),
            '503': databaseUnavailable,
          },
        },
      },
      '/prizes/{id}': {
        get: {
          summary: 'One prize with its laureates',
          description:
            "Every field of the Nobel API's record, with its names and shapes, plus id, categoryCode and provenance.",
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              schema: { type: 'string' },
              example: 'phy-1901',
            },
          ],
          responses: {
            '200': jsonResponse('The prize.', 'Prize'),
            '404': errorResponse('No such prize.'),
            '503': databaseUnavailable,
          },
        },
      },
      '/laureates/{id}': {
        get: {
          summary: 'A laureate with their prizes',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: '6' },
          ],
          responses: {
            '200': jsonResponse('The laureate.', 'Laureate'),
            '404': errorResponse('No such laureate.'),
            '503': databaseUnavailable,
          },
        },
      },
      '/runs': {
        get: {
          summary: 'The latest fetch runs',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            },
          ],
          responses: {
            '200': jsonResponse('Fetch runs, newest first.', 'RunList'),
            '400': errorResponse('Invalid query.'),
            '503': databaseUnavailable,
          },
        },
      },
      '/status': {
        get: {
          summary: 'The state of the pipeline',
          description:
            "The fetcher's desired state (from the commands topic), the last run, when the next is due, the sink's lag per partition and the database's state. It answers what it can: without a usable database, lastRun is null and `database` says why; without Kafka, `sink.error` says why.",
          responses: { '200': jsonResponse('The status.', 'Status') },
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
              description:
                'Kafka and the schema registry answer; the database is readable and migrated.',
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
      parameters: {
        limit: {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
        },
        offset: {
          name: 'offset',
          in: 'query',
          schema: { type: 'integer', minimum: 0, default: 0 },
        },
      },
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
        Languages: { type: 'object', additionalProperties: { type: 'string' } },
        Link: {
          type: 'object',
          required: ['rel', 'href'],
          properties: { rel: { type: 'string' }, href: { type: 'string' } },
        },
        PrizeLaureate: {
          type: 'object',
          required: ['id', 'portion', 'sortOrder', 'links'],
          properties: {
            id: { type: 'string' },
            knownName: { $ref: '#/components/schemas/Languages' },
            fullName: { $ref: '#/components/schemas/Languages' },
            orgName: { $ref: '#/components/schemas/Languages' },
            acronym: { type: 'string' },
            nativeName: { type: 'string' },
            portion: { type: 'string', examples: ['1', '1/2', '1/3', '1/4'] },
            sortOrder: { type: 'string' },
            motivation: { $ref: '#/components/schemas/Languages' },
            links: { type: 'array', items: { $ref: '#/components/schemas/Link' } },
          },
        },
        Prize: {
          type: 'object',
          description:
            "The Nobel API's record (awardYear, category, ..., laureates) plus id, categoryCode and provenance. Fields the source did not have are absent.",
          required: [
            'id',
            'categoryCode',
            'awardYear',
            'category',
            'categoryFullName',
            'prizeAmount',
            'prizeAmountAdjusted',
            'links',
            'fetchedAt',
            'fetchRunId',
            'contentHash',
            'updatedAt',
          ],
          properties: {
            id: { type: 'string', examples: ['phy-1901'] },
            categoryCode: { type: 'string' },
            awardYear: { type: 'string' },
            category: { $ref: '#/components/schemas/Languages' },
            categoryFullName: { $ref: '#/components/schemas/Languages' },
            dateAwarded: { type: 'string' },
            topMotivation: { $ref: '#/components/schemas/Languages' },
            prizeAmount: { type: 'integer' },
            prizeAmountAdjusted: { type: 'integer' },
            links: { type: 'array', items: { $ref: '#/components/schemas/Link' } },
            laureates: { type: 'array', items: { $ref: '#/components/schemas/PrizeLaureate' } },
            fetchedAt: { type: 'string', format: 'date-time' },
            fetchRunId: { type: 'string' },
            contentHash: { type: 'string' },
            updatedAt: { type: 'string', format: 'date-time' },
          },
        },
        PrizeList: {
          type: 'object',
          required: ['total', 'limit', 'offset', 'items'],
          properties: {
            total: { type: 'integer' },
            limit: { type: 'integer' },
            offset: { type: 'integer' },
            items: { type: 'array', items: { $ref: '#/components/schemas/Prize' } },
          },
        },
        Laureate: {
          type: 'object',
          required: ['id', 'kind', 'prizes'],
          properties: {
            id: { type: 'string' },
            kind: { enum: ['person', 'organization'] },
            knownName: { $ref: '#/components/schemas/Languages' },
            fullName: { $ref: '#/components/schemas/Languages' },
            orgName: { $ref: '#/components/schemas/Languages' },
            prizes: {
              type: 'array',
              items: { type: 'object', required: ['id', 'awardYear', 'portion'] },
            },
          },
        },
        FetchRun: {
          type: 'object',
          required: [
            'runId',
            'trigger',
            'startedAt',
            'finishedAt',
            'outcome',
            'pages',
            'prizesSeen',
            'prizesChanged',
            'prizesMissing',
            'error',
          ],
          properties: {
            runId: { type: 'string' },
            trigger: { enum: ['START', 'SCHEDULE', 'FETCH_NOW'] },
            startedAt: { type: 'string', format: 'date-time' },
            finishedAt: { type: 'string', format: 'date-time' },
            outcome: { enum: ['SUCCEEDED', 'FAILED', 'ABORTED'] },
            pages: { type: 'integer' },
            prizesSeen: { type: 'integer' },
            prizesChanged: { type: 'integer' },
            prizesMissing: { type: 'integer' },
            error: { type: ['string', 'null'] },
          },
        },
        RunList: {
          type: 'object',
          required: ['items'],
          properties: {
            items: { type: 'array', items: { $ref: '#/components/schemas/FetchRun' } },
          },
        },
        Status: {
          type: 'object',
          required: ['fetcher', 'lastRun', 'nextRunExpectedAt', 'sink', 'database'],
          properties: {
            fetcher: {
              type: 'object',
              required: ['desiredState'],
              properties: {
                desiredState: { enum: ['STARTED', 'STOPPED', 'UNKNOWN'] },
                intervalSeconds: { type: ['integer', 'null'] },
              },
            },
            lastRun: { oneOf: [{ $ref: '#/components/schemas/FetchRun' }, { type: 'null' }] },
            nextRunExpectedAt: { type: ['string', 'null'] },
            sink: { type: 'object' },
            database: {
              type: 'object',
              required: ['status', 'message'],
              properties: {
                status: { enum: ['ready', 'not_migrated', 'unavailable'] },
                message: { type: 'string' },
              },
            },
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
