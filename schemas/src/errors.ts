import { PipelineError } from '@nobel-pipeline/common';

/** Something about a record's contract went wrong. */
export class SchemaError extends PipelineError {}

export interface ValidationIssue {
  /** Where in the value, e.g. `laureates[2].portion`; empty for the value itself. */
  path: string;
  /** What the schema expected there and what it found. */
  problem: string;
}

/** A value does not fit its Avro schema. Never retriable: the same value fails again. */
export class ValidationError extends SchemaError {
  readonly contract: string;
  readonly issues: readonly ValidationIssue[];

  constructor(contract: string, issues: readonly ValidationIssue[]) {
    const listed = issues.map((i) => `${i.path === '' ? '(value)' : i.path}: ${i.problem}`);
    super(`Invalid ${contract}: ${listed.join('; ')}`);
    this.contract = contract;
    this.issues = issues;
  }

  /** The paths of the bad fields. */
  get paths(): string[] {
    return this.issues.map((i) => i.path);
  }
}

/** Bytes that are not a registry-framed Avro record of the expected contract. Not retriable. */
export class MalformedRecordError extends SchemaError {}

/** The record names a schema id the registry does not know. Not retriable. */
export class UnknownSchemaIdError extends SchemaError {
  readonly schemaId: number;

  constructor(schemaId: number, cause?: unknown) {
    super(`The registry has no schema with id ${schemaId}`, { cause });
    this.schemaId = schemaId;
  }
}

/** The writer's schema cannot be read as the expected contract. Not retriable. */
export class IncompatibleSchemaError extends SchemaError {}

/** The registry refused a schema (invalid, or incompatible with the subject). Not retriable. */
export class SchemaRejectedError extends SchemaError {}

/** The registry could not be reached or failed. Retriable: it may come back. */
export class RegistryUnavailableError extends SchemaError {
  constructor(message: string, cause?: unknown) {
    super(message, { cause, retriable: true });
  }
}
