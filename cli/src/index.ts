/** The CLI as a library: its program, for tests and embedding. */
export { createProgram, runCli } from './program';
export { loadCliConfig, CLI_ENV, type CliConfig } from './config';
export { collectOutput, processOutput, type Output } from './output/output';
export { createApiClient, type ApiClient } from './api/api-client';
export { EXIT, CliError, type ExitCode } from './errors';
export type { CliDeps } from './deps';
