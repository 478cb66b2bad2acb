import { readFileSync } from 'node:fs';
import { createRouter } from '../app';
import { laureateQuery, prizeQuery, runsQuery } from '../reads/query';
import { OPENAPI_FILE } from './cli';
import { openApiDocument } from './document';
import { createTestApp } from '../testing/fakes';
import { document } from '../testing/openapi';

/** Every route the app serves, as "METHOD /path" (HEAD comes with GET and is left out). */
function routes(): string[] {
  const router = createRouter(createTestApp().deps);
  return router.stack
    .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${layer.path}`))
    .sort();
}

function documented(): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  it('describes exactly the routes the app serves', () => {
    expect(routes().length).toBeGreaterThan(5);
    expect(documented()).toEqual(routes());
  });

  it('is OpenAPI 3.1 with a response for every operation', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations) as { responses: object }[]) {
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      }
    }
  });

  it('is the committed ingest-api/openapi.json (regenerate: npm run openapi -w @nobel-pipeline/ingest-api)', () => {
    const { version } = JSON.parse(readFileSync(`${__dirname}/../../package.json`, 'utf8')) as {
      version: string;
    };
    const committed: unknown = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
    expect(JSON.parse(JSON.stringify(openApiDocument(version)))).toEqual(committed);
  });

  it('refers only to schemas it defines', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, name] of refs) expect(Object.keys(document.components.schemas)).toContain(name);
  });

  it('documents the query parameters the handlers validate, with their bounds and defaults', () => {
    type Listing = '/' | '/prizes' | '/laureates' | '/runs';
    const parameters = (path: Listing) => document.paths[path].get.parameters;
    const names = (path: Listing) => parameters(path).map((p) => p.name);
    expect(names('/prizes')).toEqual(Object.keys(prizeQuery.shape));
    expect(names('/')).toEqual(Object.keys(prizeQuery.shape));
    expect(names('/laureates')).toEqual(Object.keys(laureateQuery.shape));
    expect(names('/runs')).toEqual(Object.keys(runsQuery.shape));
    expect(parameters('/prizes').find((p) => p.name === 'limit')).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
    });
    expect(parameters('/laureates').find((p) => p.name === 'gender')).toMatchObject({
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 16 },
    });
    expect(parameters('/laureates').find((p) => p.name === 'offset')).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
    });
  });
});
