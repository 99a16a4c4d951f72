/**
 * Every operation of the contract, called through the real dispatcher on a real encrypted database
 * with malformed and random input (issue 12, point 7): with no session, and as the lowest role
 * (viewer), the answer is always a validation, permission or domain error with a Vietnamese message
 * — never INTERNAL, never a thrown error — and nothing is written: the row counts and a content hash
 * of every table are unchanged. The audit trail is left out of the hash on purpose: a refused call
 * is audited (`access.denied`, a failed sign-in), which is a write we want. So are the viewer's own
 * failed-guess counter columns for the password-checking operations (a wrong password given to
 * `auth.unlock` or `auth.changePassword` counts toward the lock-out: issue 12, defect 2).
 * A few operations are also fuzzed as the administrator with schema-shaped input (they may write).
 *
 * Bounded: a fixed seed and run count per operation; the counts are printed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '#contract/errors.ts';
import { roleHas } from '#contract/permissions.ts';
import { operationNames, operations, type OperationName } from '#contract/operations.ts';
import type { SessionBinding } from '../../main/core/handler-types.ts';
import { makeSignedInCore, memoryBinding, TEST_ADMIN, type TestCore } from '../helpers/core.ts';
import { fingerprint, type Fingerprint } from '../helpers/db-fingerprint.ts';
import { hostileInput, mutated, schemaShaped } from '../helpers/fuzz-input.ts';
import { cccdFor, personInput } from '../helpers/persons.ts';

const SEED = 20_261_207;
const RUNS = 20;
const RUNS_ADMIN = 40;
/** These check a password (argon2, ~60 ms a valid-shaped call): fewer runs keep the file fast. */
const PASSWORD_GUESS_OPS = new Set<string>([
  'auth.login',
  'auth.unlock',
  'auth.changePassword',
  'station.setup',
]);
/** These end or lock the viewer's session, which the next run signs in again (argon2 again). */
const SESSION_ENDING_OPS = new Set<string>(['auth.logout', 'auth.lock']);
const RUNS_SLOW = 10;
/** A refused call is audited: the trail and its anchor are written on purpose (see above). */
const SKIP_TABLES = ['audit_log', 'audit_anchor'];
/**
 * Sign-in bookkeeping on the accounts: what a wrong password changes (the guess counter and lock),
 * and what the test's own re-sign-in of the viewer changes after a fuzzed auth.lock or auth.logout
 * ended its session. Every other column of `users` (role, password hash, active) stays hashed.
 */
const SIGN_IN_COLUMNS = { users: ['failed_logins', 'locked_until', 'last_login_at', 'updated_at'] };

/** Errors a hostile call may get: anything but INTERNAL (and UNKNOWN_OPERATION: the names are real). */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

let t: TestCore;
let now = Date.parse('2026-03-02T02:00:00Z');
const viewer = memoryBinding();
const pools = { ids: [] as string[], texts: [] as string[] };
/** Valid inputs of the administrator's writing operations, which the fuzz then bends. */
const bases: Partial<Record<OperationName, unknown>> = {};
const tally = { operations: 0, calls: 0, failures: [] as string[] };

async function signIn(binding: SessionBinding, username: string, password: string): Promise<void> {
  const s = t.core.ctx.sessions.get(binding.get());
  if (s && !s.locked) return;
  let r = await t.call('auth.login', { username, password }, binding);
  if (!r.ok && r.error.code === 'ACCOUNT_LOCKED') {
    // A fuzzed auth.changePassword or auth.unlock locked the account: wait the lock-out out.
    now += 6 * 60_000;
    r = await t.call('auth.login', { username, password }, binding);
  }
  if (!r.ok) throw new Error(`sign-in failed: ${r.error.code}`);
}
const signInViewer = () => signIn(viewer, 'xem', 'Chi-xem-thoi-1');

/** Why a reply is wrong for a hostile call, or null if it is fine. */
function badReply(r: Result<unknown> | undefined, mayWork: boolean): string | null {
  if (!r || typeof r !== 'object') return `not a Result: ${String(r)}`;
  if (r.ok) return mayWork ? null : 'succeeded';
  if (r.error.code === 'INTERNAL' || r.error.code === 'UNKNOWN_OPERATION') return r.error.code;
  if (!VIETNAMESE.test(r.error.message)) return `message not Vietnamese: ${r.error.message}`;
  return null;
}

function snapshot(op: string, who: 'nobody' | 'viewer'): Fingerprint {
  return fingerprint(t.core.database.store.raw, {
    skipTables: SKIP_TABLES,
    skipColumns: who === 'viewer' || PASSWORD_GUESS_OPS.has(op) ? SIGN_IN_COLUMNS : {},
  });
}

async function fuzzOperation(
  op: OperationName,
  who: 'nobody' | 'viewer',
): Promise<{ failure: string | null; calls: number }> {
  const spec = operations[op];
  let calls = 0;
  const before = snapshot(op, who);
  const result = await fc.check(
    fc.asyncProperty(hostileInput(spec.input), async (input) => {
      let binding: SessionBinding;
      if (who === 'viewer') {
        await signInViewer();
        binding = viewer;
      } else binding = memoryBinding();
      calls++;
      let r: Result<unknown>;
      try {
        r = await t.core.call(binding, op, input);
      } catch (e) {
        throw new Error(`threw: ${String(e)}`, { cause: e });
      }
      // No session: only the public operations can answer (system.status, code lists, a sign-out);
      // the viewer: only what its role grants.
      const mayWork =
        spec.access === 'public' ||
        (who === 'viewer' && (spec.access === 'session' || roleHas('viewer', spec.access)));
      const why = badReply(r, mayWork);
      if (why) throw new Error(why);
      if (who === 'nobody' && spec.access !== 'public')
        expect(r).toMatchObject({ error: { code: expect.stringMatching(/UNAUTHENTICATED|INVALID_INPUT/) } });
    }),
    {
      seed: SEED,
      numRuns: PASSWORD_GUESS_OPS.has(op) || SESSION_ENDING_OPS.has(op) ? RUNS_SLOW : RUNS,
      endOnFailure: true,
    },
  );
  const after = snapshot(op, who);
  let failure = result.failed
    ? `${op} as ${who}: ${String(result.errorInstance)} on ${fc.stringify(result.counterexample).slice(0, 200)}`
    : null;
  if (!failure && after.hash !== before.hash) {
    const changed = Object.keys(after.tables).filter((k) => after.tables[k] !== before.tables[k]);
    failure = `${op} as ${who} wrote to the database (${changed.join(', ') || 'contents changed'})`;
  }
  return { failure, calls };
}

beforeAll(async () => {
  t = await makeSignedInCore({ clock: () => new Date(now) });
  expect(t.core.database.encrypted).toBe(true);
  await t.ok('users.create', {
    username: 'xem',
    fullName: 'Người Xem',
    role: 'viewer',
    password: 'Chi-xem-thoi-1',
  });
  // A few real rows, so schema-shaped ids hit something.
  for (const [i, name] of ['Trần Thị Bình', 'Lê Văn Cường'].entries()) {
    const p = await t.ok('persons.create', {
      person: personInput({
        fullName: name,
        sex: i ? 'M' : 'F',
        birthDate: `19${70 + i}-03-0${i + 1}`,
        identifiers: [{ kind: 'cccd', value: cccdFor(i ? 'M' : 'F', 1970 + i, `00000${i}`) }],
      }),
      newHousehold: { code: `HK-${i}` },
    });
    pools.ids.push(p.id);
    if (p.householdId) pools.ids.push(p.householdId);
    const v = await t.ok('visits.start', { personId: p.id });
    pools.ids.push(v.id);
  }
  pools.ids.push(...(await t.ok('users.list', {})).map((u) => u.id));
  const [personId, , visitId] = pools.ids as [string, string, string];
  const person = await t.ok('persons.get', { id: personId });
  const visit = await t.ok('visits.get', { id: visitId });
  const record = await t.ok('record.get', { personId });
  bases['persons.create'] = {
    person: personInput({
      phoneMobile: '0912345678',
      identifiers: [{ kind: 'bhyt', value: 'HS4010123456789' }],
    }),
  };
  bases['persons.update'] = {
    id: personId,
    version: person.version,
    person: personInput({ fullName: 'Trần Thị Bình' }),
  };
  bases['visits.saveDraft'] = {
    id: visitId,
    version: visit.version,
    visit: {
      visitOn: '2026-03-02',
      reason: 'Khám định kỳ',
      vitals: { systolic: 130, diastolic: 85, weightKg: 60 },
    },
  };
  bases['record.saveHistory'] = { personId, version: record.historyVersion, history: {} };
  bases['immunizations.record'] = {
    personId,
    doses: [{ vaccineCode: 'BCG', givenOn: '2025-01-02' }],
    confirmed: [],
  };
  pools.texts.push(
    'Trần Thị Bình',
    'tran thi binh',
    '001070000000',
    'HK-0',
    'I10',
    'E11.9',
    'Thôn Đông',
    '01',
    '00004',
  );
  await signInViewer();
});

afterAll(() => {
  console.log(
    `contract fuzz: ${tally.operations} operations, ${tally.calls} calls, ${tally.failures.length} failures`,
  );
  t?.close();
});

describe('every contract operation, fuzzed', () => {
  it.each(['nobody', 'viewer'] as const)(
    'as %s: refused or answered, never INTERNAL, never a write',
    async (who) => {
      const failures: string[] = [];
      for (const op of operationNames) {
        const { failure, calls } = await fuzzOperation(op, who);
        tally.calls += calls;
        if (failure) failures.push(failure);
      }
      tally.operations = operationNames.length;
      tally.failures.push(...failures);
      expect(failures).toEqual([]);
    },
  );

  // The administrator may write; the point is that schema-shaped nonsense reaching the handlers
  // is still a validation or domain error, never INTERNAL.
  it('as the administrator, with schema-shaped input, a few writing operations', async () => {
    const admin = t.binding;
    await signIn(admin, TEST_ADMIN.username, TEST_ADMIN.password);
    const ops: OperationName[] = [
      'persons.create',
      'persons.update',
      'persons.search',
      'persons.checkDuplicates',
      'households.create',
      'record.saveHistory',
      'visits.saveDraft',
      'immunizations.record',
      'codes.icd10Search',
      'station.update',
    ];
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    for (const op of ops) {
      const result = await fc.check(
        fc.asyncProperty(
          bases[op] === undefined
            ? schemaShaped(operations[op].input, pools)
            : fc.oneof(mutated(bases[op], pools), schemaShaped(operations[op].input, pools)),
          async (input) => {
            tally.calls++;
            const r = await t.core.call(admin, op, input);
            const k = `${op}:${r.ok ? 'ok' : r.error.code}`;
            outcomes[k] = (outcomes[k] ?? 0) + 1;
            const why = badReply(r, true);
            if (why) throw new Error(why);
          },
        ),
        { seed: SEED, numRuns: RUNS_ADMIN, endOnFailure: true },
      );
      if (result.failed)
        failures.push(
          `${op} as admin: ${String(result.errorInstance)} on ${fc.stringify(result.counterexample).slice(0, 300)}`,
        );
    }
    console.log(`administrator fuzz outcomes: ${JSON.stringify(outcomes)}`);
    tally.failures.push(...failures);
    expect(failures).toEqual([]);
    // The fuzz reached the handlers: valid-enough input was saved and searched.
    expect(outcomes['persons.search:ok']).toBeGreaterThan(0);
    expect(outcomes['households.create:ok']).toBeGreaterThan(0);
    expect(Object.keys(outcomes).filter((k) => k.endsWith('SESSION_LOCKED'))).toEqual([]);
  });
});
