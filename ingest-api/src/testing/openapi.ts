import Ajv2020 from 'ajv/dist/2020';
import { openApiDocument } from '../openapi/document';

const document = openApiDocument('0.0.0-test');
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'openapi', components: document.components } as object);

type Paths = Record<
  string,
  Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
>;

/**
 * Fails unless the document describes this response: the path and method, the status, and
 * (for JSON) a body that validates against the documented schema.
 */
export function assertDocumented(
  method: string,
  path: string,
  status: number,
  body: unknown,
): void {
  const operation = (document.paths as unknown as Paths)[path]?.[method.toLowerCase()];
  if (operation === undefined) throw new Error(`${method} ${path} is not in the OpenAPI document`);
  const response = operation.responses[String(status)];
  if (response === undefined)
    throw new Error(`${method} ${path} → ${status} is not in the OpenAPI document`);
  const schema = response.content?.['application/json']?.schema;
  if (schema === undefined) return;
  const rewritten = JSON.parse(
    JSON.stringify(schema).replace(/"#\/components/g, '"openapi#/components'),
  );
  const validate = ajv.compile(rewritten);
  if (!validate(body)) {
    throw new Error(
      `${method} ${path} → ${status}: body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
    );
  }
}

export { document };
