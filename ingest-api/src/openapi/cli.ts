import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiDocument } from './document';

/**
 * Writes the OpenAPI document to ingest-api/openapi.json, where clients and reviewers read the
 * contract without running the service. A test fails while the file differs from what the
 * code generates: `npm run openapi -w @nobel-pipeline/ingest-api` after changing the API.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the version of this package, at run time
const { version } = require('../../package.json') as { version: string };

export const OPENAPI_FILE = resolve(__dirname, '..', '..', 'openapi.json');

if (require.main === module) {
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(openApiDocument(version), null, 2)}\n`);
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
