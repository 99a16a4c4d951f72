import { ESLint } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaries } from '../../build/eslint.boundaries.js';
import { sourceRoot } from '../../main/core/paths.ts';

// The boundary rules alone (no type information needed), exactly as the real config uses them.
const eslint = new ESLint({
  cwd: sourceRoot,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...boundaries],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(sourceRoot, filePath) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries between layers', () => {
  it.each([
    ['main/core/registry/x.ts', `import { app } from 'electron';`],
    ['main/core/registry/x.ts', `import { startLoopbackServer } from '../../hosts/loopback/server.ts';`],
    ['main/core/x.ts', `import App from '../../renderer/src/App.svelte';`],
    ['renderer/src/lib/x.ts', `import { readFileSync } from 'node:fs';`],
    ['renderer/src/lib/x.ts', `import { createCore } from '../../../main/core/app.ts';`],
    ['renderer/src/lib/x.ts', `import '../../../preload/electron.ts';`],
    ['preload/contract/x.ts', `import { randomUUID } from 'node:crypto';`],
    ['preload/contract/x.ts', `import { AppError } from '../../main/core/errors.ts';`],
    ['main/hosts/loopback/x.ts', `import { BrowserWindow } from 'electron';`],
    ['migrations/0099_x.ts', `import { fold } from '../main/core/registry/fold.ts';`],
  ])('rejects %s importing %s', async (file, code) => {
    const found = await problems(file, code);
    expect(found.join('\n')).toMatch(/no-restricted-imports: .*Layer boundary/);
  });

  it.each([
    ['main/core/registry/x.ts', `import { fail } from '../../../preload/contract/errors.ts';`],
    ['renderer/src/lib/x.ts', `import type { HsskApi } from '../../../preload/contract/index.ts';`],
    ['test/e2e/x.ts', `import type { OperationName } from '../../preload/contract/operations.ts';`],
  ])('asks %s to import the contract by name, not %s', async (file, code) => {
    expect((await problems(file, code)).join('\n')).toMatch(/Import the contract by name: `#contract`/);
  });

  it('rejects Node globals in the contract', async () => {
    expect(
      (await problems('preload/contract/x.ts', 'export const home = process.env.HOME;')).join('\n'),
    ).toMatch(/no-restricted-globals/);
  });

  it.each([
    ['main/core/registry/x.ts', `import { fail } from '#contract/errors.ts';`],
    ['renderer/src/lib/x.ts', `import type { HsskApi } from '#contract';`],
    ['main/hosts/electron/x.ts', `import { app } from 'electron';`],
    ['migrations/0099_x.ts', `import type { SqliteDatabase } from '../main/core/db/sqlite.ts';`],
  ])('allows %s importing %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  it('refuses a focused test (it.only, describe.only) anywhere', async () => {
    const real = new ESLint({
      cwd: sourceRoot,
      overrideConfigFile: join(sourceRoot, 'build/eslint.config.js'),
    });
    for (const code of [
      `import { it } from 'vitest';\nit.only('x', () => {});\n`,
      `import { describe } from 'vitest';\ndescribe.only('x', () => {});\n`,
    ]) {
      const [result] = await real.lintText(code, {
        filePath: join(sourceRoot, 'main/core/record/record.test.ts'),
      });
      expect(result.messages.map((m) => m.message).join('\n')).toMatch(/focused test/);
    }
  });

  it('is part of the project’s real lint configuration', async () => {
    const real = new ESLint({
      cwd: sourceRoot,
      overrideConfigFile: join(sourceRoot, 'build/eslint.config.js'),
    });
    const config = (await real.calculateConfigForFile(join(sourceRoot, 'main/core/app.ts'))) as {
      rules: Record<string, unknown>;
    };
    expect(JSON.stringify(config.rules['no-restricted-imports'])).toContain('electron');
  });
});
