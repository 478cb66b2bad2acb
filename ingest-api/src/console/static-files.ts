import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface StaticFile {
  body: Buffer;
  /** The body gzipped once at start, for the browsers that accept it (all of them). */
  gzipped: Buffer;
  type: string;
  /** The content's hash, from which each representation's ETag is made. */
  etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

/** The largest file the console may ship: a build that grew past it is a mistake. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The console's built files, read once into memory (they are small): a request can only ever
 * name one of them, so no path from a URL reaches the file system. Files whose type is not
 * known, and folders, are not served. An absent folder (the console not built) gives none.
 */
export function loadStaticFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    const path = join(dir, name);
    if (type === undefined || !statSync(path).isFile()) continue;
    const body = readFileSync(path);
    if (body.length > MAX_FILE_BYTES)
      throw new Error(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
    const etag = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    files.set(name, { body, gzipped: gzipSync(body, { level: 9 }), type, etag });
  }
  return files;
}
