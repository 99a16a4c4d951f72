/**
 * Screening campaigns through the contract on a real station database: a school campaign whose
 * roster is built by age band and village, the rapid entry (save one exam, the next resident
 * opens), an exam done elsewhere, and a workplace list imported onto a roster.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
afterEach(() => t?.close());

// The campaign's second day, 10:00 in Vietnam.
const clock = () => new Date('2026-09-11T03:00:00.000Z');

async function resident(fullName: string, birthDate: string, village = 'Thôn Đông', sex: 'M' | 'F' = 'F') {
  const p = await t.ok('persons.create', {
    person: personInput({
      fullName,
      sex,
      birthDate,
      currentAddress: { ...personInput().currentAddress, village, text: `${village}, Phường Ba Đình` },
    }),
  });
  return p.id;
}

async function schoolCampaign() {
  return t.ok('campaigns.create', {
    kind: 'school',
    name: 'Khám sức khỏe học sinh lớp 1',
    place: 'Trường Tiểu học Đông Hòa',
    startsOn: '2026-09-10',
    endsOn: '2026-09-12',
    measures: ['anthropometry', 'vision'],
    classes: ['1A', '1B'],
  });
}

describe('screening campaigns', () => {
  it("builds a class's roster from the 6-year-olds of a village, in name order", async () => {
    t = await makeSignedInCore({ clock });
    await resident('Trần Thị Bình', '2020-03-01'); // 6
    await resident('Lê Văn An', '2020-09-10', 'Thôn Đông', 'M'); // 6 on the first day exactly
    await resident('Phạm Thị Cúc', '2020-09-11'); // still 5
    await resident('Vũ Văn Dũng', '2019-09-10', 'Thôn Đông', 'M'); // already 7
    await resident('Hoàng Thị Em', '2020'); // year only: 6 by calendar years
    await resident('Đỗ Thị Giang', '2020-01-01', 'Thôn Tây'); // another village
    const moved = await resident('Ngô Thị Hà', '2020-05-05');
    await t.ok('persons.setStatus', { id: moved, status: 'moved', date: '2026-08-01', note: '' });

    const c = await schoolCampaign();
    const r = await t.ok('campaigns.addByAge', {
      campaignId: c.id,
      village: 'Thôn Đông',
      ageFrom: 6,
      ageTo: 6,
      className: '1A',
    });
    expect(r.added).toBe(3);
    expect(r.campaign.progress).toEqual({ examined: 0, roster: 3 });
    const { roster } = await t.ok('campaigns.get', { id: c.id });
    expect(roster.map((e) => [e.seq, e.fullName, e.className])).toEqual([
      [1, 'Hoàng Thị Em', '1A'],
      [2, 'Lê Văn An', '1A'],
      [3, 'Trần Thị Bình', '1A'],
    ]);
    // Again: nobody twice.
    expect(
      (
        await t.ok('campaigns.addByAge', {
          campaignId: c.id,
          ageFrom: 6,
          ageTo: 6,
          village: 'Thôn Đông',
          className: '1A',
        })
      ).added,
    ).toBe(0);
    // A class the campaign does not have is named.
    const bad = await t.call('campaigns.addByAge', {
      campaignId: c.id,
      ageFrom: 6,
      ageTo: 6,
      className: '2C',
    });
    expect(bad.ok || bad.error.message).toBe('Lớp “2C” không có trong đợt khám (1A, 1B).');
  });

  it('saves one exam after another from the roster: each a signed visit of the campaign, the next resident opened', async () => {
    t = await makeSignedInCore({ clock });
    const an = await resident('Lê Văn An', '2020-02-01', 'Thôn Đông', 'M');
    const binh = await resident('Trần Thị Bình', '2020-03-01');
    const c = await schoolCampaign();
    await t.ok('campaigns.addPersons', { campaignId: c.id, personIds: [binh, an], className: '1B' });

    const first = await t.ok('campaigns.open', { campaignId: c.id });
    expect(first?.entry).toMatchObject({ fullName: 'Trần Thị Bình', className: '1B', visitId: null });
    expect(first?.visit).toMatchObject({
      status: 'draft',
      visitOn: '2026-09-11',
      reason: 'Khám sàng lọc: Khám sức khỏe học sinh lớp 1',
    });
    if (!first) throw new Error('no exam opened');

    // Nothing measured: refused, naming the pupil.
    const empty = await t.call('campaigns.next', {
      campaignId: c.id,
      visitId: first.visit.id,
      version: first.visit.version,
      visit: { visitOn: '2026-09-11' },
    });
    expect(empty.ok || empty.error.message).toBe('Chưa nhập số đo nào cho Trần Thị Bình.');

    const saved = await t.ok('campaigns.next', {
      campaignId: c.id,
      visitId: first.visit.id,
      version: first.visit.version,
      visit: {
        visitOn: '2026-09-11',
        reason: first.visit.reason,
        vitals: { weightKg: 21.5, heightCm: 118 },
        vision: { rightPlain: '10/10', leftPlain: '9/10' },
      },
    });
    expect(saved.progress).toEqual({ examined: 1, roster: 2 });
    expect(saved.next?.entry.fullName).toBe('Lê Văn An');
    expect(saved.next?.visit.status).toBe('draft');

    const visit = await t.ok('visits.get', { id: first.visit.id });
    expect(visit).toMatchObject({
      status: 'signed',
      campaignId: c.id,
      examPlace: '',
      vitals: { weightKg: 21.5, heightCm: 118 },
      vision: { rightPlain: '10/10', leftPlain: '9/10' },
    });
    const { roster } = await t.ok('campaigns.get', { id: c.id });
    expect(roster.map((e) => [e.fullName, e.visitId])).toEqual([
      ['Trần Thị Bình', first.visit.id],
      ['Lê Văn An', null],
    ]);
    // The exam reaches the province like any signed visit; it is on the trail with its campaign.
    const outbox = t.core.ctx.store.raw
      .prepare('SELECT state FROM sync_outbox WHERE entity_id = ?')
      .get(binh);
    expect(outbox).toEqual({ state: 'pending' });
    const trail = await t.ok('audit.list', { limit: 20 });
    expect(trail.find((e) => e.action === 'campaign.exam')).toMatchObject({
      entityId: binh,
      view: { what: 'Lưu kết quả khám trong đợt khám' },
    });

    // The last pupil: nobody left to open.
    const next = saved.next;
    if (!next) throw new Error('no next exam');
    const last = await t.ok('campaigns.next', {
      campaignId: c.id,
      visitId: next.visit.id,
      version: next.visit.version,
      visit: { visitOn: '2026-09-11', vitals: { weightKg: 23, heightCm: 121 } },
    });
    expect(last).toMatchObject({ progress: { examined: 2, roster: 2 }, next: null });
    expect(await t.ok('campaigns.open', { campaignId: c.id })).toBeNull();
  });

  it('enters an exam done elsewhere within the year with its place and day, and refuses one older than a year', async () => {
    t = await makeSignedInCore({ clock });
    const an = await resident('Lê Văn An', '2020-02-01', 'Thôn Đông', 'M');
    const c = await schoolCampaign();
    await t.ok('campaigns.addPersons', { campaignId: c.id, personIds: [an] });
    const open = await t.ok('campaigns.open', { campaignId: c.id });
    if (!open) throw new Error('no exam opened');
    const base = { campaignId: c.id, visitId: open.visit.id, version: open.visit.version };

    const old = await t.call('campaigns.next', {
      ...base,
      visit: { visitOn: '2025-08-01', vitals: { weightKg: 20 } },
      elsewhere: { place: 'Bệnh viện Nhi Thanh Hóa' },
    });
    expect(old.ok || old.error.message).toBe(
      'Lần khám nơi khác ngày 01/08/2025 đã quá một năm (tính được từ 13/09/2025): cần khám lại.',
    );
    await t.ok('campaigns.next', {
      ...base,
      visit: { visitOn: '2026-03-02', vitals: { weightKg: 20, heightCm: 115 } },
      elsewhere: { place: 'Bệnh viện Nhi Thanh Hóa' },
    });
    const visit = await t.ok('visits.get', { id: open.visit.id });
    expect(visit).toMatchObject({
      visitOn: '2026-03-02',
      examPlace: 'Bệnh viện Nhi Thanh Hóa',
      campaignId: c.id,
    });
    const record = await t.ok('record.get', { personId: an });
    expect(record.visits[0]).toMatchObject({ visitOn: '2026-03-02', examPlace: 'Bệnh viện Nhi Thanh Hóa' });
    const { roster } = await t.ok('campaigns.get', { id: c.id });
    expect(roster[0]).toMatchObject({ visitOn: '2026-03-02', examPlace: 'Bệnh viện Nhi Thanh Hóa' });
  });

  it("a workplace's list imported with the import wizard becomes the roster, known residents included", async () => {
    t = await makeSignedInCore({ clock });
    const cccd = cccdFor('M', 1985, '204060');
    await t.ok('persons.create', {
      person: personInput({
        fullName: 'Nguyễn Văn Công',
        birthDate: '1985-04-12',
        identifiers: [{ kind: 'cccd', value: cccd }],
      }),
    });
    const c = await t.ok('campaigns.create', {
      kind: 'workplace',
      name: 'Khám sức khỏe công nhân may',
      place: 'Công ty May Đông Hòa',
      startsOn: '2026-09-10',
      endsOn: '2026-09-30',
      measures: ['bp', 'anthropometry'],
      classes: ['ignored for a workplace'],
    });
    expect(c.classes).toEqual([]);
    const csv = Buffer.from(
      `\uFEFFHọ và tên,Ngày sinh,Giới tính,Số CCCD,Thôn\r\nNguyễn Văn Công,12/04/1985,Nam,${cccd},Thôn Đông\r\nLý Thị Dung,03/07/1990,Nữ,,Thôn Tây\r\n`,
    ).toString('base64');
    const opened = await t.ok('imports.open', { fileName: 'cong-nhan.csv', dataBase64: csv });
    // Before the list is in the registry there is nobody to add.
    const early = await t.call('campaigns.addFromImport', { campaignId: c.id, importId: opened.importId });
    expect(early.ok || early.error.message).toBe(
      'Danh sách chưa được nhập vào sổ dân cư: hãy bấm "Nhập" trước.',
    );
    await t.ok('imports.dryRun', { importId: opened.importId, mapping: opened.detection.mapping });
    const committed = await t.ok('imports.commit', {
      importId: opened.importId,
      mapping: opened.detection.mapping,
    });
    expect(committed.counts).toMatchObject({ new: 1, unchanged: 1 });
    const r = await t.ok('campaigns.addFromImport', { campaignId: c.id, importId: opened.importId });
    expect(r.added).toBe(2);
    const { roster } = await t.ok('campaigns.get', { id: c.id });
    expect(roster.map((e) => [e.fullName, e.birthDate, e.village])).toEqual([
      ['Nguyễn Văn Công', '1985-04-12', 'Thôn Đông'],
      ['Lý Thị Dung', '1990-07-03', 'Thôn Tây'],
    ]);
  });

  it('a merge of two residents moves the duplicate’s roster places to the survivor', async () => {
    t = await makeSignedInCore({ clock });
    const an = await resident('Lê Văn An', '2020-02-01', 'Thôn Đông', 'M');
    const binh = await resident('Trần Thị Bình', '2020-03-01');
    const binhAgain = (
      await t.ok('persons.create', {
        person: personInput({ fullName: 'Trần Thị Bình', sex: 'F', birthDate: '2020-03-01' }),
        confirmSimilar: true,
      })
    ).id;
    const first = await schoolCampaign();
    const second = await schoolCampaign();
    await t.ok('campaigns.addPersons', { campaignId: first.id, personIds: [binhAgain, an], className: '1A' });
    await t.ok('campaigns.addPersons', {
      campaignId: second.id,
      personIds: [binh, binhAgain],
      className: '1B',
    });

    // Before, the duplicate on a roster made the merge fail on the roster's foreign key.
    await t.ok('persons.merge', { survivorId: binh, mergedId: binhAgain });

    const roster = (id: string) =>
      t.core.ctx.store.raw
        .prepare('SELECT person_id, seq FROM campaign_roster WHERE campaign_id = ? ORDER BY seq')
        .all(id);
    expect(roster(first.id)).toEqual([
      { person_id: binh, seq: 1 },
      { person_id: an, seq: 2 },
    ]);
    // Both were on the second roster: the survivor keeps their place, once.
    expect(roster(second.id)).toEqual([{ person_id: binh, seq: 1 }]);
  });
});
