import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, memoryBinding, TEST_ADMIN, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { vnDay } from '../clock.ts';
import type { AuditRow } from '../db/schema.ts';
import { describeAudit } from './view.ts';

let t: TestCore;
afterEach(() => t?.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Everything the screen shows of an entry. */
const shown = (e: {
  view: {
    who: { name: string; role: string } | null;
    what: string;
    target: { label: string } | null;
    detail: string;
  };
}) =>
  [
    e.view.who?.name ?? '',
    e.view.who?.role ?? '',
    e.view.what,
    e.view.target?.label ?? '',
    e.view.detail,
  ].join(' | ');

/** A day of station work: a resident registered, a visit signed, a nurse's account, a refused call. */
async function aDayOfWork() {
  t = await makeSignedInCore();
  const person = await t.ok('persons.create', {
    person: personInput({ fullName: 'Phạm Thị Hồng', sex: 'F', birthDate: '1958-03-02' }),
  });
  await t.ok('record.get', { personId: person.id });
  const draft = await t.ok('visits.start', { personId: person.id });
  await t.ok('visits.sign', {
    id: draft.id,
    version: draft.version,
    visit: { visitOn: '2024-03-05', reason: 'Đau đầu', vitals: { systolic: 150, diastolic: 92 } },
  });
  await t.ok('users.create', {
    username: 'xem',
    fullName: 'Đỗ Văn Xem',
    role: 'viewer',
    password: 'chi-xem-1234',
  });
  const viewer = memoryBinding();
  await t.call('auth.login', { username: 'xem', password: 'sai-mat-khau' }, viewer);
  await t.ok('auth.login', { username: 'xem', password: 'chi-xem-1234' }, viewer);
  await t.call('persons.export', {}, viewer);
  return { person, viewer };
}

describe('audit.list: who did what to whom, in words', () => {
  it('names the user and role, the action, the resident and the visit date; never an identifier', async () => {
    const { person } = await aDayOfWork();
    const entries = await t.ok('audit.list', { limit: 100 });
    const byAction = (a: string) => entries.find((e) => e.action === a);

    expect(byAction('visit.sign')?.view).toEqual({
      who: { name: TEST_ADMIN.fullName, role: 'Quản trị' },
      what: 'Ký lượt khám',
      target: { label: 'Phạm Thị Hồng (1958)', personId: person.id },
      detail: 'Lượt khám ngày 05/03/2024',
    });
    expect(byAction('record.read')?.view).toMatchObject({
      what: 'Xem hồ sơ sức khỏe',
      target: { label: 'Phạm Thị Hồng (1958)' },
    });
    expect(byAction('person.create')?.view).toMatchObject({
      what: 'Đăng ký người dân',
      target: { label: 'Phạm Thị Hồng (1958)' },
    });
    expect(byAction('user.create')?.view).toMatchObject({
      what: 'Tạo tài khoản',
      target: { label: 'Tài khoản Đỗ Văn Xem', personId: null },
      detail: 'Vai trò: Chỉ xem',
    });
    expect(byAction('auth.login.failed')?.view).toMatchObject({
      who: null,
      what: 'Đăng nhập không thành công',
      target: { label: 'Tài khoản Đỗ Văn Xem' },
      detail: 'Sai mật khẩu',
    });
    expect(byAction('access.denied')?.view).toEqual({
      who: { name: 'Đỗ Văn Xem', role: 'Chỉ xem' },
      what: 'Bị từ chối: không có quyền',
      target: null,
      detail: 'Cần quyền «Xuất danh sách dân cư»',
    });
    expect(byAction('auth.login')?.view).toMatchObject({ what: 'Đăng nhập', target: null });
    expect(byAction('station.setup')?.view).toMatchObject({ target: { label: 'Trạm Y tế phường Ba Đình' } });
    for (const e of entries)
      expect([e.action, shown(e)]).toEqual([e.action, expect.not.stringMatching(UUID)]);
    // Tools and tests still get the raw entry.
    expect(byAction('visit.sign')).toMatchObject({
      entity: 'person',
      entityId: person.id,
      details: { visitId: expect.stringMatching(UUID) },
    });
  });

  it('filters by person, by user and by day (Vietnam time)', async () => {
    const { person } = await aDayOfWork();
    const mine = await t.ok('audit.list', { entityId: person.id });
    expect(new Set(mine.map((e) => e.view.target?.label))).toEqual(new Set(['Phạm Thị Hồng (1958)']));
    const users = await t.ok('users.list', {});
    const viewerId = users.find((u) => u.username === 'xem')?.id ?? '';
    // Their own actions, and the attempts made on their account.
    expect(new Set((await t.ok('audit.list', { userId: viewerId })).map((e) => e.action))).toEqual(
      new Set(['auth.login.failed', 'auth.login', 'access.denied']),
    );
    const today = vnDay(new Date());
    const yesterday = vnDay(new Date(Date.now() - 86_400_000));
    expect((await t.ok('audit.list', { from: today, to: today })).length).toBe(
      (await t.ok('audit.list', {})).length,
    );
    expect(await t.ok('audit.list', { to: yesterday })).toEqual([]);
    expect(await t.call('audit.list', { from: '05/03/2024' as never })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('shows a resident’s name only to a user who may read residents', async () => {
    const { person } = await aDayOfWork();
    const rows = t.core.ctx.store.raw
      .prepare(`SELECT * FROM audit_log WHERE action = 'visit.sign'`)
      .all() as AuditRow[];
    const [blind] = describeAudit(t.core.ctx, new Set(['audit.read']), rows);
    expect(blind).toMatchObject({
      what: 'Ký lượt khám',
      target: { label: 'Một người dân (không có quyền xem tên)', personId: person.id },
      detail: '',
    });
    const [sighted] = describeAudit(
      t.core.ctx,
      new Set(['audit.read', 'persons.read', 'records.read']),
      rows,
    );
    expect(sighted.target?.label).toBe('Phạm Thị Hồng (1958)');
  });

  it('is refused to a user without the audit permission, and the chain still verifies', async () => {
    const { viewer } = await aDayOfWork();
    expect(await t.call('audit.list', {}, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, firstBrokenSeq: null });
  });
});
