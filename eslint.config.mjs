// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const focusedTests = ['describe', 'it', 'test'].map((object) => ({
  object,
  property: 'only',
  message: 'Focused tests must not be committed.',
}));

// The import graph: a package uses another by its name (its index), never its files.
const packageInternals = [
  {
    group: ['@nobel-pipeline/*/**'],
    message:
      'Import the package by its name: its index is what it offers; dist/ and src/ are its own.',
  },
  {
    regex:
      '^(\\.\\./)+(common|schemas|db|test-utils|stack|ingest-api|nobel-mirror|fetcher|sink|e2e)/(src|dist)(/|$)',
    message: "Import the package by its name (@nobel-pipeline/...), not another package's files.",
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/coverage/',
      '.stack/',
      '.stack-ci/',
      '.nx/',
      'e2e/artifacts/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', ...focusedTests],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': ['error', { patterns: packageInternals }],
    },
  },
  {
    // The fetcher service never runs the mirror: only its tests and its bench may.
    files: ['fetcher/src/**/*.ts'],
    ignores: [
      'fetcher/src/**/*.test.ts',
      'fetcher/src/__tests__/**',
      'fetcher/src/testing/**',
      'fetcher/src/bench/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nobel-pipeline/nobel-mirror',
              message: 'The mirror is test and offline tooling, a devDependency of the fetcher.',
            },
          ],
          patterns: packageInternals,
        },
      ],
    },
  },
  {
    // Command-line entry points talk to a terminal, not to a logger.
    files: ['stack/src/cli.ts', 'stack/src/cli/**/*.ts', '**/scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
