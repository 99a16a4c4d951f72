/**
 * Every path that changes what the province must see marks the resident's record in the outbox in
 * the same transaction as the change: it commits → the record's row is there, one version further;
 * it fails after the write (a trigger refusing the operation's audit entry, which every service
 * appends after its repository writes) → neither the change nor the mark is left. A draft and a
 * reading put on a draft are not sent, and mark nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '#contract/errors.ts';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';
import { vnDay } from '../clock.ts';
import { storeReading } from '../devices/measurements.ts';

let t: TestCore;
afterEach(() => t?.close());

interface Mark {
  op: string;
  version: number;
  state: string;
}

const markOf = (id: string): Mark | undefined =>
  t.core.ctx.store.raw
    .prepare(`SELECT op, version, state FROM sync_outbox WHERE entity = 'person' AND entity_id = ?`)
    .get(id) as Mark | undefined;

const rows = (sql: string, ...params: unknown[]): unknown[] =>
  t.core.ctx.store.raw.prepare(sql).all(...params);

/**
 * Runs `call` twice: first with its audit entry refused (the transaction fails after the writes),
 * then for real. Returns the marks before and after the successful run.
 */
async function markedByCommitOnly(
  personIds: string[],
  action: string,
  call: () => Promise<Result<unknown>>,
  data: () => unknown,
): Promise<{ before: (Mark | undefined)[]; after: (Mark | undefined)[] }> {
  const raw = t.core.ctx.store.raw;
  const before = personIds.map(markOf);
  const dataBefore = data();
  // A trigger in the database itself (not TEMP), so it also fails a write made on another
  // connection of the same station (the import commits in its worker).
  raw.exec(
    `CREATE TRIGGER fail_after_write BEFORE INSERT ON audit_log WHEN NEW.action = '${action}'
     BEGIN SELECT RAISE(ABORT, 'forced failure after the write'); END`,
  );
  const failed = await call();
  raw.exec('DROP TRIGGER fail_after_write');
  expect(failed.ok, `${action} should have failed`).toBe(false);
  expect(personIds.map(markOf)).toEqual(before);
  expect(data()).toEqual(dataBefore);
  const done = await call();
  if (!done.ok) throw new Error(`${action} failed: ${done.error.message}`);
  return { before, after: personIds.map(markOf) };
}

/** One further version (or the first), pending. */
function bumped(before: Mark | undefined, after: Mark | undefined, op = 'upsert'): void {
  expect(after).toMatchObject({ op, state: 'pending' });
  expect(after?.version).toBeGreaterThan(before?.version ?? 0);
}

const resident = (over = {}) =>
  t.ok('persons.create', {
    person: personInput({ fullName: 'Trần Văn Huyết', birthDate: '1960-04-04', ...over }),
    confirmSimilar: true,
  });

const personRow = (id: string) =>
  rows(
    'SELECT full_name, status, status_date, household_id, relation_to_head, version FROM persons WHERE id = ?',
    id,
  );

describe('part A marks the record', () => {
  it('registering a resident (form)', async () => {
    t = await makeSignedInCore();
    const count = () => rows('SELECT count(*) AS n FROM persons');
    const raw = t.core.ctx.store.raw;
    raw.exec(
      `CREATE TEMP TRIGGER fail_after_write BEFORE INSERT ON audit_log WHEN NEW.action = 'person.create'
       BEGIN SELECT RAISE(ABORT, 'forced failure after the write'); END`,
    );
    expect((await t.call('persons.create', { person: personInput() })).ok).toBe(false);
    raw.exec('DROP TRIGGER fail_after_write');
    expect(count()).toEqual([{ n: 0 }]);
    expect(rows('SELECT * FROM sync_outbox')).toEqual([]);
    const p = await t.ok('persons.create', { person: personInput() });
    expect(markOf(p.id)).toEqual({ op: 'upsert', version: 1, state: 'pending' });
  });

  it('editing a resident (form) and a card taken into the record', async () => {
    t = await makeSignedInCore();
    const p = await resident();
    const edit = await markedByCommitOnly(
      [p.id],
      'person.update',
      () =>
        t.call('persons.update', { id: p.id, version: 1, person: personInput({ occupation: 'Thợ mộc' }) }),
      () => personRow(p.id),
    );
    bumped(edit.before[0], edit.after[0]);
    // Acknowledged upstream since: the next change makes it "edited since upload".
    t.core.ctx.store.raw
      .prepare(`UPDATE sync_outbox SET state = 'acknowledged' WHERE entity_id = ?`)
      .run(p.id);
    const card = await markedByCommitOnly(
      [p.id],
      'person.update',
      () =>
        t.call('persons.applyCard', {
          id: p.id,
          version: 2,
          card: { kind: 'cccd', fullName: 'Trần Văn Huyết Anh', sex: 'M', cccd: cccdFor('M', 1960) },
          fields: ['fullName'],
        }),
      () => personRow(p.id),
    );
    expect(card.after[0]).toMatchObject({ state: 'edited' });
    expect(card.after[0]?.version).toBe((card.before[0]?.version ?? 0) + 1);
  });

  it('moving out, death, and back (lifecycle)', async () => {
    t = await makeSignedInCore();
    const p = await resident();
    const today = vnDay(new Date());
    for (const [status, version] of [
      ['moved', 1],
      ['active', 2],
      ['deceased', 3],
    ] as const) {
      const r = await markedByCommitOnly(
        [p.id],
        `person.status.${status}`,
        () => t.call('persons.setStatus', { id: p.id, status, date: status === 'active' ? null : today }),
        () => personRow(p.id),
      );
      bumped(r.before[0], r.after[0]);
      expect(personRow(p.id)).toMatchObject([{ status, version: version + 1 }]);
    }
  });

  it('household membership: moving to another household', async () => {
    t = await makeSignedInCore();
    const p = await resident();
    const head = await resident({ fullName: 'Lê Văn Chủ', birthDate: '1950-01-01' });
    const hh = await t.ok('households.create', { village: 'Thôn Đông', headPersonId: head.id });
    const r = await markedByCommitOnly(
      [p.id],
      'household.move',
      () => t.call('households.moveMember', { personId: p.id, toHouseholdId: hh.id, relationToHead: 'Em' }),
      () => personRow(p.id),
    );
    bumped(r.before[0], r.after[0]);
  });
});

describe('a population list marks each resident it writes', () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8').toString('base64');

  it('new and updated residents, all or none', async () => {
    t = await makeSignedInCore();
    const known = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Phạm Văn Đức',
        birthDate: '1970-06-01',
        identifiers: [{ kind: 'cccd', value: '001070123456' }],
      }),
    });
    const opened = await t.ok('imports.open', {
      fileName: 'ds.csv',
      dataBase64: csv([
        'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Điện thoại',
        'Phạm Văn Đức,01/06/1970,Nam,001070123456,0912000111',
        'Đinh Văn Toàn,03/03/1990,Nam,001090777888,',
      ]),
    });
    const newcomer = () =>
      rows(`SELECT id FROM persons WHERE full_name = 'Đinh Văn Toàn'`) as { id: string }[];
    const r = await markedByCommitOnly(
      [known.id],
      'import.commit',
      () => t.call('imports.commit', { importId: opened.importId, mapping: opened.detection.mapping }),
      () => [personRow(known.id), newcomer()],
    );
    bumped(r.before[0], r.after[0]);
    const [created] = newcomer();
    expect(markOf(created.id)).toEqual({ op: 'upsert', version: 1, state: 'pending' });
  });
});

describe('merging two records marks both', () => {
  it('the survivor changed, the duplicate to be retired', async () => {
    t = await makeSignedInCore();
    const survivor = await resident();
    const dup = await resident();
    const r = await markedByCommitOnly(
      [survivor.id, dup.id],
      'person.merge',
      () => t.call('persons.merge', { survivorId: survivor.id, mergedId: dup.id }),
      () => [personRow(survivor.id), personRow(dup.id)],
    );
    bumped(r.before[0], r.after[0]);
    bumped(r.before[1], r.after[1], 'merge');
  });
});

describe('parts B, C and D mark the record', () => {
  it('part B (history)', async () => {
    t = await makeSignedInCore();
    const p = await resident();
    const r = await markedByCommitOnly(
      [p.id],
      'history.save',
      () =>
        t.call('record.saveHistory', { personId: p.id, version: 0, history: { surgery: 'Mổ ruột thừa' } }),
      () => rows('SELECT * FROM person_history'),
    );
    bumped(r.before[0], r.after[0]);
  });

  it('a dose recorded, corrected and removed', async () => {
    t = await makeSignedInCore();
    const today = vnDay(new Date());
    const baby = await resident({ fullName: 'Bé Tiêm', birthDate: today });
    const doses = () => rows('SELECT vaccine_code, given_on, batch FROM immunizations');
    const record = await markedByCommitOnly(
      [baby.id],
      'immunization.record',
      () =>
        t.call('immunizations.record', {
          personId: baby.id,
          doses: [{ vaccineCode: 'BCG', givenOn: today }],
        }),
      doses,
    );
    bumped(record.before[0], record.after[0]);
    const [{ id }] = rows('SELECT id FROM immunizations') as { id: string }[];
    const correct = await markedByCommitOnly(
      [baby.id],
      'immunization.correct',
      () =>
        t.call('immunizations.correct', {
          id,
          dose: { vaccineCode: 'BCG', givenOn: today, batch: 'L1' },
          reason: 'Ghi số lô',
        }),
      doses,
    );
    bumped(correct.before[0], correct.after[0]);
    const remove = await markedByCommitOnly(
      [baby.id],
      'immunization.remove',
      () => t.call('immunizations.remove', { id, reason: 'Ghi nhầm người' }),
      doses,
    );
    bumped(remove.before[0], remove.after[0]);
  });

  it('a visit: the draft marks nothing, signing and amending do', async () => {
    t = await makeSignedInCore();
    const p = await resident();
    const first = markOf(p.id);
    const draft = await t.ok('visits.start', { personId: p.id });
    const saved = await t.ok('visits.saveDraft', {
      id: draft.id,
      version: draft.version,
      visit: { visitOn: draft.visitOn, reason: 'Đau đầu' },
    });
    expect(markOf(p.id)).toEqual(first);
    const visit = () => rows('SELECT status, version, reason, systolic FROM visits');
    const sign = await markedByCommitOnly(
      [p.id],
      'visit.sign',
      () =>
        t.call('visits.sign', {
          id: draft.id,
          version: saved.version,
          visit: { visitOn: draft.visitOn, reason: 'Đau đầu', vitals: { systolic: 130, diastolic: 85 } },
        }),
      visit,
    );
    bumped(sign.before[0], sign.after[0]);
    const signed = await t.ok('visits.get', { id: draft.id });
    const amend = await markedByCommitOnly(
      [p.id],
      'visit.amend',
      () =>
        t.call('visits.amend', {
          id: draft.id,
          version: signed.version,
          visit: { visitOn: draft.visitOn, reason: 'Đau đầu', vitals: { systolic: 135, diastolic: 85 } },
          reason: 'Đo lại',
        }),
      visit,
    );
    bumped(amend.before[0], amend.after[0]);
    // A draft thrown away was never sent.
    const other = await t.ok('visits.start', { personId: p.id });
    const marked = markOf(p.id);
    await t.ok('visits.discard', { id: other.id });
    expect(markOf(p.id)).toEqual(marked);
  });

  it('a device reading: applied to the draft it marks nothing; the signed visit carrying it does', async () => {
    t = await makeSignedInCore();
    const p = await resident();
    const draft = await t.ok('visits.start', { personId: p.id });
    const reading = storeReading(t.core.ctx, {
      device: 'omron',
      driver: 'omron-hem',
      kind: 'bp',
      values: { systolic: 142, diastolic: 91, pulse: 76, weightKg: null, heightCm: null },
      measuredAt: null,
      raw: '',
    });
    const before = markOf(p.id);
    await t.ok('measurements.apply', { id: reading.id, visitId: draft.id, confirmNoExam: true });
    expect(markOf(p.id)).toEqual(before);
    await t.ok('visits.sign', {
      id: draft.id,
      version: draft.version,
      visit: {
        visitOn: draft.visitOn,
        vitals: { systolic: 142, diastolic: 91, pulse: 76 },
        vitalSources: Object.fromEntries(
          (['systolic', 'diastolic', 'pulse'] as const).map((k) => [
            k,
            {
              measurementId: reading.id,
              device: reading.device,
              measuredAt: null,
              receivedAt: reading.receivedAt,
            },
          ]),
        ),
      },
    });
    bumped(before, markOf(p.id));
  });
});
