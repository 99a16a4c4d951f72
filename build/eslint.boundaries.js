// Import boundaries between the layers. Each block: which files, and what they may not import.
const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
];
const msg = (why) => `Layer boundary: ${why} (see ARCHITECTURE.md, "Layers").`;

/** The contract is imported by its name (package.json "imports"), never by climbing relative paths. */
const byName = {
  group: ['**/preload/contract/**', '**/preload/contract'],
  message: 'Import the contract by name: `#contract` or `#contract/…` (package.json "imports").',
};

const rule = (patterns) => ['error', { patterns: [...patterns, byName] }];

export const boundaries = [
  {
    files: ['main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': rule([
        {
          group: ['electron', 'electron/*', 'electron-updater'],
          message: msg('main/core runs under plain Node; only main/hosts/electron may import electron'),
        },
        { group: ['**/hosts/**'], message: msg('the core never depends on a host') },
        { group: ['**/renderer/**'], message: msg('the core never imports the UI') },
      ]),
    },
  },
  {
    files: ['main/hosts/loopback/**/*.ts', 'main/hosts/cli/**/*.ts', 'main/hosts/common/**/*.ts'],
    rules: {
      'no-restricted-imports': rule([
        {
          group: ['electron', 'electron/*', 'electron-updater'],
          message: msg('only the Electron host may import electron'),
        },
        { group: ['**/hosts/electron/**'], message: msg('hosts do not depend on each other') },
        { group: ['**/renderer/**'], message: msg('hosts serve the built UI, they do not import it') },
      ]),
    },
  },
  {
    files: ['main/hosts/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': rule([
        {
          group: ['**/hosts/loopback/**', '**/hosts/cli/**'],
          message: msg('hosts do not depend on each other'),
        },
        { group: ['**/renderer/**'], message: msg('hosts serve the built UI, they do not import it') },
      ]),
    },
  },
  {
    files: ['preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', ...NODE_BUILTINS],
              message: msg('the contract is pure TypeScript + zod: no Node, no Electron'),
            },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/electron*', '**/preload/loopback*'],
              message: msg('the contract depends on nothing but zod'),
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'process',
        'Buffer',
        'require',
        'window',
        'document',
        'localStorage',
      ],
    },
  },
  {
    files: ['preload/electron.ts', 'preload/loopback.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', ...NODE_BUILTINS],
              message: msg('a bridge is built from the contract alone'),
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'build/**/*.ts'],
    rules: { 'no-restricted-imports': rule([]) },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': rule([
        {
          group: ['electron', 'electron/*', ...NODE_BUILTINS],
          message: msg('the renderer is a sandboxed web page: no Node, no Electron'),
        },
        {
          group: ['**/main/**', '**/migrations/**'],
          message: msg('the renderer talks to the core only through window.hssk'),
        },
        {
          group: ['**/preload/electron*', '**/preload/loopback*'],
          message: msg('the renderer gets window.hssk from its host, it does not import a bridge'),
        },
      ]),
    },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': rule([
        {
          regex: '(^|/)main/(?!core/db/(sqlite|migrate)\\.ts$)',
          message: msg('migrations are frozen in time and must not depend on app code that will change'),
        },
      ]),
    },
  },
];
