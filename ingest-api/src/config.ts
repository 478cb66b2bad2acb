import { z } from 'zod';
import {
  parseEnv,
  port,
  serviceEnv,
  toServiceConfig,
  type Env,
  type ServiceConfig,
} from '@nobel-pipeline/common';

export interface IngestApiConfig extends ServiceConfig {
  http: {
    port: number;
    /** When set, POST endpoints require `Authorization: Bearer <token>`. */
    apiToken: string | undefined;
  };
}

const env = {
  ...serviceEnv,
  HTTP_PORT: port(3000),
  API_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
};

/** Parses and validates the environment once; the error names every bad variable. */
export function loadConfig(source: Env): IngestApiConfig {
  const e = parseEnv(env, source);
  return {
    ...toServiceConfig(e, 'ingest-api'),
    http: { port: e.HTTP_PORT, apiToken: e.API_TOKEN },
  };
}
