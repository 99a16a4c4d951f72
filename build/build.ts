/**
 * `npm run build`: bundles the three parts the app ships.
 *   dist/renderer/         the Svelte UI (served by app:// in Electron, by HTTP on loopback)
 *   dist/preload/          electron.cjs (sandboxed preload) and loopback.js (browser bridge)
 *   dist/main/main.js      the Electron main process (core + Electron host); dependencies stay
 *                          external and ship in node_modules (native modules unpacked from asar)
 * The CLI and the loopback host run from source on Node 24 and need only the renderer and bridge.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, type InlineConfig } from 'vite';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};
const quiet: InlineConfig = {
  logLevel: process.env.HSSK_BUILD_VERBOSE ? 'info' : 'warn',
  configFile: false,
  root,
};

export async function buildAll(options: { electronMain?: boolean } = {}): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  const started = performance.now();

  await build({
    ...quiet,
    configFile: join(root, 'renderer', 'vite.config.ts'),
    root: join(root, 'renderer'),
  });

  // The browser bridge: a classic script (no modules) that defines window.hssk before the app runs.
  await build({
    ...quiet,
    build: {
      outDir: join(dist, 'preload'),
      emptyOutDir: false,
      target: 'chrome128',
      minify: true,
      lib: {
        entry: join(root, 'preload', 'loopback.ts'),
        formats: ['iife'],
        name: 'hsskBridge',
        fileName: () => 'loopback.js',
      },
    },
  });

  // The Electron preload: sandboxed, so one CommonJS file that requires nothing but 'electron'.
  await build({
    ...quiet,
    build: {
      outDir: join(dist, 'preload'),
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      ssr: join(root, 'preload', 'electron.ts'),
      rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'electron.cjs' } },
    },
    ssr: { noExternal: true, external: ['electron'] },
  });

  if (options.electronMain !== false) {
    await build({
      ...quiet,
      define: { __HSSK_VERSION__: JSON.stringify(pkg.version) },
      build: {
        outDir: join(dist, 'main'),
        emptyOutDir: false,
        target: 'node22',
        minify: false,
        sourcemap: true,
        ssr: true,
        rollupOptions: {
          // The import and backup workers are entries of their own: a worker thread starts from a
          // file (list-import/worker-client.ts and backup/take.ts look for it beside main.js).
          input: {
            main: join(root, 'main', 'hosts', 'electron', 'main.ts'),
            'import-worker': join(root, 'main', 'core', 'registry', 'list-import', 'worker.ts'),
            'backup-worker': join(root, 'main', 'core', 'backup', 'worker.ts'),
            // The batch-print worker likewise (forms/batch/service.ts looks for forms-worker.js).
            'forms-worker': join(root, 'main', 'core', 'forms', 'batch', 'worker.ts'),
            // The printed lists' worker (reports/list-print/run.ts looks for list-worker.js).
            'list-worker': join(root, 'main', 'core', 'reports', 'list-print', 'worker.ts'),
            // The start-up integrity checks' worker (system/startup/integrity.ts looks for integrity-worker.js).
            'integrity-worker': join(root, 'main', 'core', 'system', 'startup', 'integrity-worker.ts'),
            // The upload's payload worker (upstream/prepare.ts looks for sync-worker.js).
            'sync-worker': join(root, 'main', 'core', 'upstream', 'prepare-worker.ts'),
          },
          external: ['electron', ...Object.keys(pkg.dependencies)].flatMap((d) => [d, new RegExp(`^${d}/`)]),
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
        },
      },
    });
  }
  console.log(`build: dist/ written in ${Math.round(performance.now() - started)} ms`);
}

if (import.meta.main) await buildAll();
