import type { DbConfig } from '@nobel-pipeline/common';

/**
 * What a test file created on the stack — topics (and their registry subjects), consumer
 * groups, databases — so that the test environment can delete it once the file is done, even
 * when a test failed half-way (see `environment.ts`). Tests never call this: `uniqueTopic`,
 * `uniqueGroup`, `createTestDatabase` and `loadTestConfig` record what they hand out.
 *
 * The ledger lives on the test file's global object, which jest creates afresh for every test
 * file: it is the file's, and the environment that created that global reads it afterwards.
 */
export interface ResourceLedger {
  /** Where the stack is, as the test's configuration says (unset: nothing to clean). */
  stack?: { brokers: string[]; registryUrl: string; db: DbConfig };
  /** Topic names handed out: each is deleted if it exists, with its `-key`/`-value` subjects. */
  topics: Set<string>;
  groups: Set<string>;
  databases: Set<string>;
}

const KEY = Symbol.for('nobel-pipeline.test-resources');

export function ledgerOf(global: object): ResourceLedger | undefined {
  return (global as Record<symbol, ResourceLedger | undefined>)[KEY];
}

/** The ledger of the running test file (created on first use). */
export function ledger(): ResourceLedger {
  const holder = globalThis as unknown as Record<symbol, ResourceLedger | undefined>;
  let current = holder[KEY];
  if (current === undefined) {
    current = { topics: new Set(), groups: new Set(), databases: new Set() };
    holder[KEY] = current;
  }
  return current;
}
