import { afterEach, describe, expect, it } from 'vitest';
import { simulatedCardText } from '../devices/manager/simulated.ts';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('a known resident’s card that says something else', () => {
  it('names each difference on the scan, and corrects only the fields chosen, audited', async () => {
    t = await makeSignedInCore();
    const cccd = cccdFor('F', 1962, '123456');
    const p = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Nguyen Thi Hoa',
        sex: 'F',
        birthDate: '1962',
        identifiers: [{ kind: 'cccd', value: cccd }],
      }),
    });
    const scan = await t.ok('devices.wedgeScan', {
      text: simulatedCardText('cccd', {
        cccd,
        fullName: 'Nguyễn Thị Hoa',
        birthDate: '1962-05-14',
        sex: 'F',
      }),
    });
    expect(scan.personId).toBe(p.id);
    expect(scan.differences).toEqual([
      { field: 'fullName', label: 'Họ và tên', card: 'Nguyễn Thị Hoa', record: 'Nguyen Thi Hoa' },
      { field: 'birthDate', label: 'Ngày sinh', card: '14/05/1962', record: '1962' },
    ]);

    const updated = await t.ok('persons.applyCard', {
      id: p.id,
      version: p.version,
      card: scan.card!,
      fields: ['fullName'],
    });
    expect(updated).toMatchObject({ fullName: 'Nguyễn Thị Hoa', birthDate: '1962', version: p.version + 1 });
    const audit = JSON.stringify(await t.ok('audit.list', { limit: 5 }));
    expect(audit).toContain('person.update');
    // Asked again for the same field: the record already says it.
    expect(
      await t.call('persons.applyCard', {
        id: p.id,
        version: updated.version,
        card: scan.card!,
        fields: ['fullName'],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const again = await t.ok('devices.wedgeScan', {
      text: simulatedCardText('cccd', {
        cccd,
        fullName: 'Nguyễn Thị Hoa',
        birthDate: '1962-05-14',
        sex: 'F',
      }),
    });
    expect(again.differences.map((d) => d.field)).toEqual(['birthDate']);
  });

  it('says nothing when the card agrees, or prints 01/01 for a birth known by its year', async () => {
    t = await makeSignedInCore();
    const cccd = cccdFor('M', 1950, '654321');
    await t.ok('persons.create', {
      person: personInput({
        fullName: 'Lê Văn Năm',
        sex: 'M',
        birthDate: '1950',
        identifiers: [{ kind: 'cccd', value: cccd }],
      }),
    });
    const scan = await t.ok('devices.wedgeScan', {
      text: simulatedCardText('cccd', { cccd, fullName: 'LÊ VĂN NĂM', birthDate: '1950', sex: 'M' }),
    });
    expect(scan.differences).toEqual([]);
  });
});
