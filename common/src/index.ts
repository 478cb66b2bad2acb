export { PipelineError, ConfigError, type ConfigIssue } from './errors';
export { loadEnv, findEnvFile, type Env, type LoadEnvOptions, type LoadedEnv } from './config/env';
export { parseEnv, type EnvShape, type ParsedEnv } from './config/parse';
export * from './config/types';
export * from './config/sections';
export { createLogger, type CreateLoggerOptions, type Logger } from './logger';
export { createKafkaClient, kafkaLogCreator, type CreateKafkaOptions } from './kafka';
export { createHealthServer, listen, type HealthDeps, type MetricsRegistry } from './health-server';
export { exitOnSignals } from './shutdown';
