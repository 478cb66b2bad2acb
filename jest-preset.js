// Shared jest preset: every package's jest.config.js points here.
// Unit tests sit beside the code (src/**/*.test.ts); tests that need the running stack
// (Kafka, the schema registry, MariaDB) live in __tests__ folders and are skipped by test:unit.
module.exports = {
  // Node's environment, plus the deletion of the topics, subjects, groups and databases each
  // test file created, after the file (test-utils/src/environment.ts).
  testEnvironment: '<rootDir>/../test-utils/src/environment.ts',
  // Before a run with integration tests: one clear message when the stack is not running.
  globalSetup: '<rootDir>/../test-utils/src/jest-global-setup.ts',
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  transform: {
    // Type checking is `npm run typecheck`'s job; tests only transpile, which keeps them fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  // Workspace packages resolve to their sources, so tests never need a build first.
  moduleNameMapper: { '^@nobel-pipeline/([a-z-]+)$': '<rootDir>/../$1/src' },
  clearMocks: true,
  restoreMocks: true,
};
