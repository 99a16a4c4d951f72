import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { storeReading } from '../devices/measurements.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';
import { vnDay } from '../clock.ts';
import { mergedTables } from './merge-residents.ts';

/** Every table with a foreign key to persons, as the migrated schema has them. */
function personReferences(t: TestCore): string[] {
  const db = t.core.ctx.store.raw;
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return tables.filter((table) =>
    (db.pragma(`foreign_key_list("${table}")`) as { table: string }[]).some((fk) => fk.table === 'persons'),
  );
}

const outbox = (t: TestCore, ...ids: string[]) =>
  t.core.ctx.store.raw
    .prepare(
      `SELECT entity_id, op, version, state FROM sync_outbox WHERE entity_id IN (${ids.map(() => '?').join(', ')}) ORDER BY op`,
    )
    .all(...ids);

let t: TestCore;
afterEach(() => t?.close());

describe('merging duplicate records', () => {
  it('keeps the chosen fields, moves every child record, and keeps the old id as an alias', async () => {
    t = await makeSignedInCore();
    const db = t.core.ctx.store.raw;
    const survivor = await t.ok('persons.create', {
      person: personInput({
        phoneMobile: '0911111111',
        identifiers: [{ kind: 'cccd', value: cccdFor('M', 1962, '111111') }],
      }),
    });
    const dup = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Nguyễn Văn Ân',
        occupation: 'Thợ mộc',
        phoneMobile: '0922222222',
        identifiers: [{ kind: 'bhyt', value: '0100000009' }],
        mother: { name: 'Lê Thị Mẹ', phone: '' },
      }),
      confirmSimilar: true,
    });
    // A reading taken on the duplicate's exam belongs to the survivor afterwards.
    const exam = await t.ok('visits.start', { personId: dup.id });
    const reading = storeReading(t.core.ctx, {
      device: 'omron',
      driver: 'omron-hem',
      kind: 'bp',
      values: { systolic: 128, diastolic: 82, pulse: 70, weightKg: null, heightCm: null },
      measuredAt: null,
      raw: '',
    });
    await t.ok('measurements.apply', { id: reading.id, visitId: exam.id, confirmNoExam: true });
    const hh = await t.ok('households.create', { village: 'Thôn Đông', headPersonId: dup.id });

    const merged = await t.ok('persons.merge', {
      survivorId: survivor.id,
      mergedId: dup.id,
      take: { phoneMobile: 'merged' },
    });
    // Field by field: the survivor's name, the duplicate's phone (chosen), gaps filled from the duplicate.
    expect(merged).toMatchObject({
      fullName: 'Nguyễn Văn An',
      phoneMobile: '0922222222',
      occupation: 'Thợ mộc',
      mother: { name: 'Lê Thị Mẹ' },
    });
    expect(merged.identifiers.map((i) => i.kind).sort()).toEqual(['bhyt', 'cccd']);
    expect(merged.aliases).toEqual([dup.id]);
    // Every child record now belongs to the survivor, the household too.
    expect(db.prepare('SELECT person_id FROM measurements WHERE id = ?').pluck().get(reading.id)).toBe(
      survivor.id,
    );
    expect((await t.ok('households.get', { id: hh.id })).headPersonId).toBe(survivor.id);
    // The old id still resolves, the duplicate row is gone.
    expect((await t.ok('persons.get', { id: dup.id })).id).toBe(survivor.id);
    expect(db.prepare('SELECT count(*) FROM persons WHERE id = ?').pluck().get(dup.id)).toBe(0);
    // Audited, and the province learns both sides.
    const [entry] = await t
      .ok('audit.list', { entityId: survivor.id, limit: 3 })
      .then((a) => a.filter((x) => x.action === 'person.merge'));
    expect(entry.details).toMatchObject({ mergedId: dup.id, moved: { visits: 1, measurements: 1 } });
    expect(outbox(t, survivor.id, dup.id)).toEqual([
      // Registered, made head of a household, merged away: three marks on its row.
      { entity_id: dup.id, op: 'merge', version: 3, state: 'pending' },
      { entity_id: survivor.id, op: 'upsert', version: expect.any(Number), state: 'pending' },
    ]);
    // Searching the duplicate's card finds the survivor.
    expect((await t.ok('persons.search', { q: '0100000009' })).results[0].id).toBe(survivor.id);
  });

  it('moves the health record: visits, immunisations, history and register entries', async () => {
    t = await makeSignedInCore();
    const today = vnDay(new Date());
    const survivor = await t.ok('persons.create', { person: personInput({ birthDate: '1960-01-01' }) });
    const dup = await t.ok('persons.create', {
      person: personInput({ birthDate: '1960-01-01' }),
      confirmSimilar: true,
    });
    const v = await t.ok('visits.start', { personId: dup.id });
    await t.ok('visits.sign', {
      id: v.id,
      version: 1,
      visit: {
        visitOn: v.visitOn,
        vitals: { systolic: 150, diastolic: 95 },
        diagnoses: [{ code: 'I10', name: 'THA' }],
      },
    });
    await t.ok('immunizations.record', { personId: dup.id, doses: [{ vaccineCode: 'BCG', givenOn: today }] });
    await t.ok('record.saveHistory', { personId: dup.id, version: 0, history: { surgery: 'Mổ ruột thừa' } });
    await t.ok('persons.merge', { survivorId: survivor.id, mergedId: dup.id });
    const rec = await t.ok('record.get', { personId: survivor.id });
    expect(rec.visits.map((x) => x.id)).toEqual([v.id]);
    expect(rec.history.surgery).toBe('Mổ ruột thừa');
    expect(rec.doses.map((d) => d.vaccineCode)).toEqual(['BCG']);
    expect(rec.ncd.map((n) => n.register)).toEqual(['hypertension']);
    expect(rec.person.lastVisitOn).toBe(v.visitOn);
    const left = t.core.ctx.store.raw
      .prepare('SELECT count(*) FROM visits WHERE person_id = ?')
      .pluck()
      .get(dup.id);
    expect(left).toBe(0);
  });

  it('moves every table that points at a person, through its repository', async () => {
    t = await makeSignedInCore();
    expect(personReferences(t).filter((table) => table !== 'person_identifiers')).toEqual(
      mergedTables().sort(),
    );
  });

  it('fails whole, changing nothing, when a table it does not know holds the duplicate’s rows', async () => {
    t = await makeSignedInCore();
    const db = t.core.ctx.store.raw;
    // A table added later without its move: its rows would be left behind, so the merge refuses.
    db.exec(
      `CREATE TABLE test_notes (id INTEGER PRIMARY KEY, person_id TEXT NOT NULL REFERENCES persons (id))`,
    );
    const survivor = await t.ok('persons.create', { person: personInput() });
    const dup = await t.ok('persons.create', { person: personInput(), confirmSimilar: true });
    const v = await t.ok('visits.start', { personId: dup.id });
    db.prepare('INSERT INTO test_notes (person_id) VALUES (?)').run(dup.id);
    const before = outbox(t, survivor.id, dup.id);
    expect((await t.call('persons.merge', { survivorId: survivor.id, mergedId: dup.id })).ok).toBe(false);
    expect(db.prepare('SELECT person_id FROM visits WHERE id = ?').pluck().get(v.id)).toBe(dup.id);
    expect((await t.ok('persons.get', { id: dup.id })).id).toBe(dup.id);
    expect(outbox(t, survivor.id, dup.id)).toEqual(before);
  });

  it('refuses to merge a record with itself and checks the merged result like any edit', async () => {
    t = await makeSignedInCore();
    const a = await t.ok('persons.create', {
      person: personInput({ identifiers: [{ kind: 'cccd', value: cccdFor('M', 1962, '222222') }] }),
    });
    const b = await t.ok('persons.create', { person: personInput({ sex: 'F', fullName: 'Nguyễn Thị An' }) });
    expect(await t.call('persons.merge', { survivorId: a.id, mergedId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    // Taking the duplicate's sex would contradict the kept CCCD: refused, nothing changes.
    expect(
      await t.call('persons.merge', { survivorId: a.id, mergedId: b.id, take: { sex: 'merged' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect((await t.ok('persons.list', {})).total).toBe(2);
  });
});
