import { join } from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { sourceRoot } from '../../main/core/paths.ts';

// The project's own rules (build/dependency-cruiser.cjs); `npm test` runs them on the project itself.
const { default: config } = (await import(join(sourceRoot, 'build', 'dependency-cruiser.cjs'))) as {
  default: IConfiguration;
};

async function violations(baseDir: string, paths: string[]): Promise<string[]> {
  const r = await cruise(paths, {
    ruleSet: { forbidden: config.forbidden },
    baseDir,
    tsPreCompilationDeps: true,
    validate: true,
  });
  return (r.output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('module rules (dependency-cruiser)', () => {
  it('fail on each kind of break: a cycle, a forbidden module edge, an impure clinical rule, an unknown module', async () => {
    const found = await violations(join(sourceRoot, 'test', 'fixtures', 'depcruise'), ['main']);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-circular: main\/core\/audit\/a\.ts/),
        'core-module-codes: main/core/codes/names.ts → main/core/registry/who.ts',
        expect.stringMatching(
          /^clinical-rules-pure: main\/core\/record\/rules\/impure\.ts → main\/core\/db\/store\.ts/,
        ),
        expect.stringMatching(/^core-module-unknown: main\/core\/newmod\/thing\.ts/),
      ]),
    );
  });
});
