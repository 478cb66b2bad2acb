import { createRouter } from '../app';
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
});
