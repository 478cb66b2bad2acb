import { BODY_LIMIT_BYTES } from '../http/body';
import { laureateQuery, prizeQuery, runsQuery } from '../reads/query';
import { componentSchemas, queryParameters, schemaRef, type ComponentName } from './components';

/**
 * The OpenAPI 3.1 description of every endpoint, served at GET /openapi.json and committed as
 * ingest-api/openapi.json (a test keeps the two equal: `npm run openapi -w
 * @nobel-pipeline/ingest-api` writes it). What is said of each operation is written here; the
 * schemas of bodies and query parameters are generated from the zod schemas the service
 * validates with and types its responses by (components.ts). A test checks that each route of
 * the app is here (and nothing else), and the tests validate the responses they receive against
 * it.
 */

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: schemaRef('Error') } },
});

const jsonResponse = (description: string, schema: ComponentName) => ({
  description,
  content: { 'application/json': { schema: schemaRef(schema) } },
});

const databaseUnavailable = errorResponse(
  'database_not_migrated: the database has not been migrated (run `npm run migrate`; details list the pending migrations and missing tables). database_unavailable: the database cannot be reached or read (details give the reason). Retry-After: 5.',
);

const commandOperation = (summary: string, description: string, body: ComponentName) => ({
  summary,
  description,
  security: [{}, { bearerAuth: [] }],
  requestBody: {
    required: false,
    description: `Optional; at most ${BODY_LIMIT_BYTES} bytes of application/json.`,
    content: { 'application/json': { schema: schemaRef(body) } },
  },
  responses: {
    '202': jsonResponse(
      'Kafka acknowledged the command (acks from all in-sync replicas).',
      'CommandAccepted',
    ),
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
  const prizeParameters = queryParameters(prizeQuery);
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
            'The same as GET /prizes: what the pipeline has stored, newest award year first.',
          parameters: prizeParameters,
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
          parameters: prizeParameters,
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
      '/laureates': {
        get: {
          summary: 'Search persisted laureates',
          description:
            'Laureates either source has named (the laureates source, or a prize event), by English name then id. category, year and yearTo match one prize of the laureate, as either source gives it.',
          parameters: queryParameters(laureateQuery),
          responses: {
            '200': jsonResponse(
              'A page of laureates (each as GET /laureates/{id} answers it) and the total number of matches.',
              'LaureateList',
            ),
            '400': errorResponse('Invalid query.'),
            '503': databaseUnavailable,
          },
        },
      },
      '/laureates/{id}': {
        get: {
          summary: 'A laureate with their prizes',
          description:
            'Once the laureates source has been read: every field of its record (gender, birth, death or founded, wikipedia, wikidata, sameAs, links, nobelPrizes with prizeStatus, affiliations and residences, and fields not modelled), with their names and shapes, plus kind, prizes (from the prize events that name the laureate) and provenance (fetchedAt, fetchRunId, contentHash, updatedAt). Before it has: id, kind, the names the prize events give, updatedAt and prizes.',
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
          parameters: queryParameters(runsQuery),
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
            '200': jsonResponse('The process is alive.', 'Health'),
          },
        },
      },
      '/readyz': {
        get: {
          summary: 'Readiness',
          responses: {
            '200': jsonResponse(
              'Kafka and the schema registry answer; the database is readable and migrated.',
              'Readiness',
            ),
            '503': jsonResponse(
              'A dependency does not answer, or the service is shutting down; see checks.',
              'Readiness',
            ),
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
      '/ui': {
        get: {
          summary: 'The web console (redirects to /ui/)',
          responses: { '308': { description: 'Location: /ui/' } },
        },
      },
      '/ui/': {
        get: {
          summary: 'The web console',
          responses: {
            '200': {
              description: 'The console page (see console/README.md).',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
            '304': { description: 'Not modified (If-None-Match).' },
            '404': errorResponse('console_not_built: the console was not built.'),
          },
        },
      },
      '/ui/{file}': {
        get: {
          summary: 'A file of the web console (script, style sheet)',
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The file.',
              content: {
                'text/javascript': { schema: { type: 'string' } },
                'text/css': { schema: { type: 'string' } },
              },
            },
            '304': { description: 'Not modified (If-None-Match).' },
            '404': errorResponse('No such file, or the console was not built.'),
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
      schemas: componentSchemas(),
    },
  } as const;
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
