/**
 * The idle lock is held off only by what the user does, and a session has an absolute lifetime
 * (issue 12, defect 7).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { operations } from '#contract/operations.ts';
import { makeTestCore, TEST_ADMIN, TEST_STATION, type TestCore } from '../../../test/helpers/core.ts';
import { SESSION_MAX_HOURS } from './sessions.ts';

let t: TestCore;
afterEach(() => t?.close());

function manualClock(start = Date.parse('2026-11-22T08:00:00Z')) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}
const MINUTE = 60_000;

async function signedIn() {
  const c = manualClock();
  t = makeTestCore({ clock: c.clock });
  await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
  await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  return c;
}

describe('the idle lock', () => {
  it('locks a screen whose UI keeps checking status and session but nobody touches', async () => {
    const c = await signedIn();
    for (let i = 0; i < 16; i++) {
      c.advance(MINUTE);
      await t.ok('system.status', {});
      await t.ok('auth.session', {});
    }
    expect(await t.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('stays open while the user works', async () => {
    const c = await signedIn();
    for (let i = 0; i < 30; i++) {
      c.advance(MINUTE);
      await t.ok('users.list', {});
    }
    expect((await t.ok('auth.session', {})).locked).toBe(false);
  });

  it('only the UI’s own calls are marked background', () => {
    const background = Object.entries(operations)
      .filter(([, spec]) => spec.background)
      .map(([name]) => name)
      .sort();
    expect(background).toEqual([
      'auth.session',
      'measurements.offered',
      // Asked by the start-up gate (and polled while the weekly integrity check runs), not by a person.
      'system.startupChecks',
      'system.status',
      'visits.blur',
      'visits.focus',
    ]);
  });
});

describe('the absolute session lifetime', () => {
  it(`ends a session ${SESSION_MAX_HOURS} hours after sign-in however busy it is`, async () => {
    const c = await signedIn();
    for (let m = 0; m < SESSION_MAX_HOURS * 60 - 10; m += 10) {
      c.advance(10 * MINUTE);
      await t.ok('users.list', {});
    }
    c.advance(20 * MINUTE);
    expect(await t.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await t.ok('auth.session', {})).user).toBeNull();
  });
});
