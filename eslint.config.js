// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Import boundaries between the layers, as patterns for ESLint's own no-restricted-imports. A later
// block replaces an earlier block's options for the same rule, so each block lists every group it needs.
const importsFromTest = {
  regex: '^(\\.\\./)+test/',
  message: 'Source code must not depend on the test suite.',
};
const importsTheSimulator = {
  regex: '^(\\.{1,2}/)+simulator/',
  message: 'Only src/main.ts (and tests, bench) may use the WHM simulator.',
};
const importsWhmClientClass = {
  regex: '^(\\.{1,2}/)+whm/(index|client)\\.js$',
  importNames: ['WhmClient'],
  message: 'Reach WHM through src/whm-access/; only it and src/servers.ts hold a WhmClient.',
};
const importsWhmClientInternals = {
  regex: '^(\\.{1,2}/)+whm/(client|transport)\\.js$',
  message: 'Resolvers reach WHM only through src/whm-access/.',
};
const importsOutsideOwnFolder = {
  regex: '^\\.\\./',
  message: 'This layer is independent of the gateway: import only from its own folder and packages.',
};
const restrictImports = (...patterns) => ['error', { patterns }];

export default defineConfig(
  globalIgnores([
    'src/generated/',
    'examples/client/src/gql/',
    'dashboard/src/gql/',
    'dist/',
    'node_modules/',
    '.data/',
    'coverage/',
  ]),
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // An intentionally unused parameter or binding is named with a leading underscore.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // Off: Apollo plugin hooks and interfaces such as checkServers() must return promises, and an
      // `async` method without `await` is the plain way to do so; the rule would only churn them.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Off in tests: vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`
    // by design, and every hit here was one of them inside an expected object.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(importsFromTest, importsTheSimulator, importsWhmClientClass) },
  },
  {
    files: ['src/simulator/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(importsFromTest, importsWhmClientClass) },
  },
  {
    files: ['src/main.ts'],
    rules: { 'no-restricted-imports': restrictImports(importsFromTest, importsWhmClientClass) },
  },
  {
    files: ['src/servers.ts', 'src/whm-access/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(importsFromTest, importsTheSimulator) },
  },
  {
    files: ['src/resolvers/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        importsFromTest,
        importsTheSimulator,
        importsWhmClientClass,
        importsWhmClientInternals,
      ),
    },
  },
  {
    // Flat folders: any `../` leaves the layer (this also keeps out test/ and the simulator).
    files: ['src/whm/**/*.ts', 'src/transfer/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(importsOutsideOwnFolder) },
  },
  {
    // The registry stores sessions: it may use the transfer domain below it (the session ID's shape), nothing else.
    files: ['src/registry/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports({ ...importsOutsideOwnFolder, regex: '^\\.\\./(?!transfer/)' }) },
  },
);
