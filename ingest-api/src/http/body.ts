import { errorMessage } from '@nobel-pipeline/common';
import type { Middleware } from 'koa';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import type { AppState } from './state';

/** The largest request body any endpoint takes. */
export const BODY_LIMIT_BYTES = 16 * 1024;

async function readBody(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > limit) throw new PayloadTooLargeError(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads an optional JSON body into `ctx.state.body` (undefined when there is none). A body
 * must be declared application/json (415 otherwise), at most 16 KiB (413), valid UTF-8 JSON
 * (400). What the JSON must contain is each route's business.
 */
export function jsonBody(limit = BODY_LIMIT_BYTES): Middleware<AppState> {
  return async (ctx, next) => {
    const declared = ctx.request.length;
    if (declared !== undefined && declared > limit) throw new PayloadTooLargeError(limit);
    // type-is: null when the request has no body, false when it is not JSON. It counts
    // "Content-Length: 0" as a body; we do not.
    const type = declared === 0 ? null : ctx.request.is('application/json');
    if (type === false) {
      throw new UnsupportedMediaTypeError(ctx.get('Content-Type') || 'an undeclared type');
    }
    if (type !== null) {
      const raw = await readBody(ctx.req, limit);
      if (raw.length > 0) {
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
        } catch {
          throw new BadRequestError('invalid_json', 'The request body is not valid UTF-8');
        }
        try {
          ctx.state.body = JSON.parse(text) as unknown;
        } catch (error) {
          throw new BadRequestError(
            'invalid_json',
            `The request body is not valid JSON: ${errorMessage(error)}`,
          );
        }
      }
    }
    await next();
  };
}
