// Architectural boundaries live here so they are enforced by a tool, not by memory (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'worker_threads', 'crypto', 'zlib', 'stream', 'stream/*'];
const drivers = ['better-sqlite3', 'pg', 'kysely', 'kysely/*', 'bullmq', 'ioredis'];
const pureFolders = ['src/stats/**', 'src/formats/**', 'src/classes/**', 'src/score/core/**', 'src/sample/core/**', 'src/analyze/core/**', 'src/verify/core/**', 'src/evaluate/core/**', 'src/collect/core/**', 'src/challenges/core/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'heldout-data/**', 'coverage/**', 'bin/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [{ group: drivers, message: 'Only src/store/ and src/jobs/ may talk to database or queue drivers.' }] }],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/cli/**', 'src/server/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/cli/**', '**/server/**'], message: 'Dependencies point inward: only cli/ and server/ compose the system.' },
          { group: drivers, message: 'Only src/store/ and src/jobs/ may talk to database or queue drivers.' },
        ],
      }],
    },
  },
  {
    files: pureFolders,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The pure core takes plain data: no I/O, no node:* imports.' },
          { group: drivers, message: 'The pure core may not touch storage.' },
          { group: ['**/store/**', '**/server/**', '**/cli/**', '**/jobs/**'], message: 'The pure core may not depend on outer layers.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The pure core may not read the environment.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Randomness is seeded: take an Rng argument.' }, { object: 'Date', property: 'now', message: 'No clock in the pure core: take the time as an argument.' }],
    },
  },
  {
    files: ['src/store/**', 'src/jobs/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Plain-JS scripts run by Node directly.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  {
    files: ['test/**', 'bench/**', 'tools/**'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
