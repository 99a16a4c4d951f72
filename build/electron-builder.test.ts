import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('./electron-builder.config.cjs') as Record<string, unknown> & {
  nsis: Record<string, unknown>;
  electronFuses: Record<string, unknown>;
  asarUnpack: string[];
};
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(c: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => undefined };

describe('installer configuration', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  });

  it('the schema check is real: a misspelt option is rejected', async () => {
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, oneClik: false } }, quietLogger),
    ).rejects.toThrow(/configuration\.nsis/);
  });

  it('builds a Vietnamese NSIS installer with a per-machine choice and hardened fuses', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      language: '1066',
      installerLanguages: ['vi_VN'],
    });
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.productName).toBe('HSSK Trạm');
    expect(config.npmRebuild).toBe(false);
  });
});
