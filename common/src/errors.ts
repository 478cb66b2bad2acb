/**
 * The base of every error this project throws on purpose.
 *
 * `retriable` tells a retrier whether trying again can help (a broker that is down: yes;
 * a malformed record: no). Retriers decide on this flag only, never on message text.
 * `code` is stable and machine-readable — `run_aborted`, `refused_by_database` — for metric
 * labels, DLQ headers and logs: by default the class name in snake case without `Error`.
 */
export class PipelineError extends Error {
  readonly retriable: boolean;
  readonly code: string;

  constructor(
    message: string,
    options: { cause?: unknown; retriable?: boolean; code?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
    this.code = options.code ?? codeOf(new.target.name);
  }
}

/** `RefusedByDatabaseError` → `refused_by_database`. */
export function codeOf(className: string): string {
  return className
    .replace(/Error$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export interface ConfigIssue {
  /** The environment variable that is wrong. */
  variable: string;
  /** What is wrong with it, in words a user can act on. */
  problem: string;
}

/** The environment does not describe a valid configuration. Never retriable. */
export class ConfigError extends PipelineError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.problem}`).join('\n')}`,
    );
    this.issues = issues;
  }
}

/**
 * An error that only a bug of ours throws: a TypeError (a property of undefined, a call of a
 * non-function), a ReferenceError, a SyntaxError at run time. Never retried, never sent to a
 * DLQ: it must reach a person.
 */
export function isProgrammerError(error: unknown): boolean {
  return (
    error instanceof TypeError || error instanceof ReferenceError || error instanceof SyntaxError
  );
}

/**
 * The stable code of anything thrown, for metric labels: a PipelineError's own, else its class
 * name in snake case (`TypeError` → `type`), `error` for a bare Error or what is not one. Never
 * words cut from a message.
 */
export function errorCode(error: unknown): string {
  if (error instanceof PipelineError) return error.code;
  const name = error instanceof Error ? error.name : '';
  return codeOf(name) || 'error';
}

/** The message of anything thrown, for logs and error texts. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Whether a thrown value says that trying again may help (its own `retriable` flag). */
export function isRetriable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { retriable?: unknown }).retriable === true
  );
}
