import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '#contract/errors.ts';
import type { OperationInput, OperationName, OperationOutput } from '#contract/operations.ts';
import { createCore, type Core, type CoreOptions } from '../../main/core/app.ts';
import type { SessionBinding } from '../../main/core/handler-types.ts';
import { silentLogger, type LogRecord, createLogger } from '../../main/core/log.ts';

export const TEST_ADMIN = { username: 'quantri', fullName: 'Nguyễn Thị Quản Trị', password: 'mat-khau-123' };
export const TEST_STATION = {
  code: '01043',
  name: 'Trạm Y tế phường Ba Đình',
  provinceCode: '01',
  communeCode: '00004',
};

/** A binding the way a host keeps one: a single window or browser. */
export function memoryBinding(): SessionBinding {
  let id: string | null = null;
  return { get: () => id, set: (v) => (id = v) };
}

export interface TestCore {
  core: Core;
  dir: string;
  logs: LogRecord[];
  /** Call an operation as the given window and get its Result. */
  call<N extends OperationName>(
    name: N,
    input: OperationInput<N>,
    binding?: SessionBinding,
  ): Promise<Result<OperationOutput<N>>>;
  /** Call and unwrap, failing the test with the error if the call did not succeed. */
  ok<N extends OperationName>(
    name: N,
    input: OperationInput<N>,
    binding?: SessionBinding,
  ): Promise<OperationOutput<N>>;
  binding: SessionBinding;
  close(): void;
}

/** A real core on a real (temporary, file-backed) SQLite database. */
export function makeTestCore(options: Partial<CoreOptions> = {}): TestCore {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-test-'));
  const logs: LogRecord[] = [];
  const core = createCore({
    host: 'cli',
    dataDir: dir,
    log: createLogger({ sink: (r) => logs.push(r) }),
    ...options,
  });
  const binding = memoryBinding();
  const call = ((name: OperationName, input: unknown, b?: SessionBinding) =>
    core.call(b ?? binding, name, input)) as TestCore['call'];
  return {
    core,
    dir,
    logs,
    binding,
    call,
    ok: (async (name: OperationName, input: unknown, b?: SessionBinding) => {
      const r = await core.call(b ?? binding, name, input);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value;
    }) as TestCore['ok'],
    close: () => {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A set-up station with its administrator signed in on `binding`. */
export async function makeSignedInCore(options: Partial<CoreOptions> = {}): Promise<TestCore> {
  const t = makeTestCore(options);
  await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
  await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  return t;
}

export { silentLogger };

/** A core on an existing data folder, as the app opens it again (after a restore, on "another PC"). */
export function openCoreAt(dataDir: string, options: Partial<CoreOptions> = {}): Core {
  return createCore({ host: 'cli', dataDir, log: silentLogger, ...options });
}
