// Lint: TypeScript rules plus the import boundaries that keep the layers apart
// (see ARCHITECTURE.md). Boundaries are plain data so test/unit/lint-boundaries.test.ts can prove
// that a forbidden import fails.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import svelteParser from 'svelte-eslint-parser';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'test/artifacts/', 'test/fixtures/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    // Type-aware rules where they catch real bugs: promises nobody awaits, misused async handlers.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'migrations/**/*.ts', 'build/**/*.ts', 'test/**/*.ts'],
    ignores: ['preload/loopback.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  ...svelte.configs['flat/recommended'],
  {
    files: ['renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: {
      parser: svelteParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser },
    },
  },
  {
    files: ['renderer/**/*.ts', 'preload/loopback.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // `let { a, b } = $props()` is how Svelte 5 declares props.
    files: ['renderer/**/*.svelte'],
    rules: { 'prefer-const': 'off' },
  },
  {
    // The core logs through its logger (files, redaction), never the console.
    files: ['main/core/**/*.ts', 'main/hosts/electron/**/*.ts', 'main/hosts/loopback/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // A focused test (`it.only`, `describe.only`) silently skips every other test of its file.
    files: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['it', 'test', 'describe', 'suite'].map((object) => ({
          object,
          property: 'only',
          message: 'A focused test skips the others: remove `.only` before committing.',
        })),
      ],
    },
  },
  ...boundaries,
);
