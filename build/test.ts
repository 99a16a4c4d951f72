/**
 * `npm test`: everything, in the order a failure is cheapest to find — system tools, typecheck,
 * lint, build, then every test (unit, integration, component, end-to-end).
 * Extra arguments go to vitest (e.g. `npm test -- --project node`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildAll } from './build.ts';
import { ensureSystemDeps } from './system-deps.ts';

const root = join(import.meta.dirname, '..');
const bin = (p: string) => join(root, 'node_modules', p);
const started = performance.now();

function step(name: string, args: string[]): void {
  const t0 = performance.now();
  console.log(`\n▶ ${name}`);
  // process.execPath is the project's pinned Node 24, whatever `node` the shell would find.
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

console.log(`▶ system tools`);
if (!ensureSystemDeps()) process.exit(1);
step('typecheck (main, preload, migrations, tests)', [bin('typescript/bin/tsc'), '-p', 'tsconfig.json']);
step('typecheck (renderer)', [
  bin('svelte-check/bin/svelte-check'),
  '--tsconfig',
  'renderer/tsconfig.json',
  '--fail-on-warnings',
  '--output',
  'human',
]);
step('format (prettier --check)', [bin('prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.']);
step('module rules (dependency-cruiser)', [
  bin('dependency-cruiser/bin/dependency-cruiser.mjs'),
  '--config',
  'build/dependency-cruiser.cjs',
  'main',
  'preload',
  'migrations',
  'renderer/src',
]);
step('lint', [bin('eslint/bin/eslint.js'), '--config', 'build/eslint.config.js', '--max-warnings', '0', '.']);
console.log('\n▶ build');
await buildAll();
step('tests', [
  bin('vitest/vitest.mjs'),
  'run',
  '--config',
  'test/vitest.config.ts',
  ...process.argv.slice(2),
]);
console.log(`\n✔ all checks passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
