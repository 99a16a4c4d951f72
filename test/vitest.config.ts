import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Three projects: `node` (core, hosts, contract, build config — real SQLite, real serial ports),
 * `dom` (Svelte components in jsdom) and `e2e` (the built app in Debian Chromium over the loopback
 * host; needs `npm run build` first, which `npm test` does).
 */
export default defineConfig({
  root,
  test: {
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      {
        extends: false,
        test: {
          name: 'node',
          root,
          environment: 'node',
          include: [
            'main/**/*.test.ts',
            'preload/**/*.test.ts',
            'migrations/**/*.test.ts',
            'build/**/*.test.ts',
            'test/unit/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        extends: false,
        plugins: [
          svelte({ configFile: fileURLToPath(new URL('../renderer/svelte.config.js', import.meta.url)) }),
        ],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'dom',
          root,
          environment: 'jsdom',
          include: ['renderer/**/*.test.ts'],
        },
      },
      {
        extends: false,
        test: {
          name: 'e2e',
          root,
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // The UI is polled, not timed: on a busy two-core CI machine (node tests run alongside)
          // a screen can take a few seconds to settle, which is not a failure.
          expect: { poll: { timeout: 10_000, interval: 50 } },
          // One Chromium at a time: the CI machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
