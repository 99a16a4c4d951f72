/**
 * A signed-in core on a private copy of the cached commune fixture, for the registry, record and
 * device suites. A copy, because even reads write here (signing in, opening a record append to the
 * audit trail) and the write suites start, save and sign visits: the cached fixture stays as the
 * seed left it. The clock starts at the seed's "today" (SEED_DEFAULTS.asOf, 09:00 in Vietnam) and
 * runs on from there, so the Today queue and NCD follow-ups look like a morning at the station
 * rather than months after the last seeded visit.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '#contract/operations.ts';
import { createCore, type Core } from '../../main/core/app.ts';
import type { SessionBinding } from '../../main/core/handler-types.ts';
import type { Clock } from '../../main/core/clock.ts';
import { silentLogger } from '../../main/core/log.ts';
import { keyFileFor } from '../../main/core/paths.ts';
import type { Actor } from '../../main/core/audit/audit.ts';
import { DEMO_STAFF, SEED_DEFAULTS } from '../../main/core/seed/seed-station.ts';
import { communeFixture } from './fixture.ts';
import { note } from './harness.ts';

export interface BenchSession {
  core: Core;
  /** The signed-in administrator, for calling core functions without the dispatcher. */
  actor: Actor & { fullName: string };
  /** The calendar day the clock says it is (yyyy-mm-dd). */
  today: string;
  /** Through the dispatcher, as the UI calls it; a refused call throws (a figure of refusals would mean nothing). */
  call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
  close(): void;
}

/** Wall-clock time shifted so that start-up is 09:00 (UTC+7) on the seed's as-of day. */
function stationMorning(): Clock {
  const offset = Date.parse(`${SEED_DEFAULTS.asOf}T02:00:00.000Z`) - Date.now();
  return () => new Date(Date.now() + offset);
}

/** On the encrypted fixture, as the app runs; `encrypted: false` for a plain baseline (crypto.bench.ts). */
export async function benchSession(
  persons: number,
  options: { encrypted?: boolean } = {},
): Promise<BenchSession> {
  const fixture = await communeFixture(persons, { encrypted: options.encrypted ?? true });
  const dir = mkdtempSync(join(tmpdir(), 'hssk-bench-'));
  const file = join(dir, 'hssk.db');
  const started = performance.now();
  const copy = (from: string, to: string) => {
    copyFileSync(from, to);
    // Flushed now, so the kernel writing back half a gigabyte does not stall the first commits measured.
    const fd = openSync(to, 'r+');
    fsyncSync(fd);
    closeSync(fd);
  };
  copy(fixture, file);
  if (existsSync(`${fixture}-wal`) && statSync(`${fixture}-wal`).size > 0)
    copy(`${fixture}-wal`, `${file}-wal`);
  if (existsSync(keyFileFor(fixture))) copy(keyFileFor(fixture), keyFileFor(file));
  const core = createCore({
    host: 'cli',
    dataDir: dir,
    dbFile: file,
    log: silentLogger,
    clock: stationMorning(),
  });
  let sid: string | null = null;
  const binding: SessionBinding = { get: () => sid, set: (v) => (sid = v) };
  const call = (async (name: OperationName, input: unknown) => {
    const r = await core.call(binding, name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  }) as BenchSession['call'];
  const admin = DEMO_STAFF[0];
  const session = await call('auth.login', { username: admin.username, password: SEED_DEFAULTS.password });
  if (!session.user) throw new Error('auth.login returned no user');
  note(`  copied fixture, opened and signed in in ${Math.round(performance.now() - started)} ms`);
  return {
    core,
    actor: { userId: session.user.id, username: session.user.username, fullName: session.user.fullName },
    today: SEED_DEFAULTS.asOf,
    call,
    close: () => {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The i-th item, cycling; warm-up calls (negative i) take items from the end. */
export const pick = <T>(items: readonly T[], i: number): T =>
  items[((i % items.length) + items.length) % items.length];

/** Folds a name the way a user types it without diacritics: "Nguyễn Thị Hòa" → "nguyen thi hoa". */
export const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** `count` items spread evenly over `items` (all of them when there are fewer): a deterministic sample. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)]);
}
