import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { vnDay } from '../clock.ts';
import { MARGINS } from './defs/layout.ts';
import { makeSampleResident, pdfFonts, pdfText, pdfWords, SAMPLE_PART_A, wordsOutside } from './testing.ts';

let t: TestCore;
afterEach(() => t?.close());

const today = () => vnDay(new Date());
const year = () => today().slice(0, 4);
const pdfOf = (r: { pdfBase64: string }) => Buffer.from(r.pdfBase64, 'base64');
/** 10 mm in from each edge: what any office printer prints. */
const PRINTABLE = 28.35;

const HEADINGS = [
  'HỒ SƠ QUẢN LÝ SỨC KHỎE CÁ NHÂN',
  'A. THÔNG TIN HÀNH CHÍNH',
  'B. THÔNG TIN TIỀN SỬ VÀ CÁC YẾU TỐ LIÊN QUAN SỨC KHỎE',
  '1. Tình trạng lúc sinh',
  '2. Yếu tố nguy cơ đối với sức khỏe cá nhân',
  '3. Tiền sử bệnh tật, dị ứng',
  '4. Khuyết tật',
  '5. Tiền sử phẫu thuật',
  '6. Tiền sử gia đình',
  '7. Sức khỏe sinh sản và kế hoạch hóa gia đình',
  '8. Vấn đề khác',
  'C. TIÊM CHỦNG',
  '1. Tiêm chủng cơ bản cho trẻ em',
  '2. Tiêm chủng ngoài chương trình TCMR',
  '3. Tiêm chủng vắc xin uốn ván (phụ nữ có thai)',
  'D. KHÁM LÂM SÀNG VÀ CẬN LÂM SÀNG',
  '1. Bệnh sử',
  '2. Thăm khám lâm sàng',
  '3. Kết quả cận lâm sàng',
  '5. Tư vấn',
];

/** pdftotext -layout may spread a phrase over runs of spaces; compare with single spaces. */
const flat = (s: string) => s.replace(/[ \t]+/g, ' ');

describe('the full record (Hồ sơ quản lý sức khỏe cá nhân)', () => {
  it('prints every part-A value, every heading, the vaccine rows and a visit’s vital signs, diacritics intact', async () => {
    t = await makeSignedInCore();
    const id = await makeSampleResident(t.ok, [today()]);
    const r = await t.ok('forms.render', { form: 'record', personId: id });
    const pdf = pdfOf(r);
    const text = flat(pdfText(pdf));
    expect(text.normalize('NFC')).toBe(text);
    for (const v of SAMPLE_PART_A) expect(text, v).toContain(v);
    const rec = await t.ok('record.get', { personId: id });
    expect(text).toContain(`2. Quan hệ với chủ hộ: ${rec.person.relationToHead}`);
    for (const h of HEADINGS) expect(text, h).toContain(h);
    // C.1 row for BCG with its date and reaction; C.3 tetanus with its month.
    expect(text).toMatch(/Lao \(BCG\)\s+□\s+20\/03\/1990\s+Sẹo nhỏ/);
    expect(text).toMatch(/Uốn ván mũi 1 \(UV1\)\s+□\s+02\/05\/2015\s+5/);
    expect(text).toMatch(/Sởi\s+■/);
    // D.2.1: the 8-column grid's headings and the signed visit's values.
    for (const h of ['Mạch', 'Nhiệt độ', 'Huyết áp', 'Nhịp thở', 'Cân nặng', 'Chiều cao', 'BMI', 'Vòng bụng'])
      expect(text).toContain(h);
    expect(text).toMatch(/76\s+36,8\s+128\/82\s+18\s+54,5\s+158\s+21,8\s+76/);
    expect(text).toContain('Penicillin — nổi mẩn đỏ');
    expect(text).toContain('Mổ ruột thừa năm 2010');
    expect(text).toContain(`Các lượt khám năm ${year()}`);
    expect(text).toMatch(/Trang 1\/\d+/);
    expect(text).toContain('In bởi Nguyễn Thị Quản Trị lúc');
    expect(text).toContain('TRẠM Y TẾ PHƯỜNG BA ĐÌNH');
    expect(r.fileName).toMatch(/^ho-so-suc-khoe-Nguyen-Thi-Hong-Nhung-[0-9a-f]{8}\.pdf$/);
  });

  it('embeds every font it uses, and renders the same page count for the same data', async () => {
    t = await makeSignedInCore();
    const id = await makeSampleResident(t.ok, [today()]);
    const a = await t.ok('forms.render', { form: 'record', personId: id });
    const b = await t.ok('forms.render', { form: 'record', personId: id });
    expect(a.pages).toBe(b.pages);
    expect(a.pages).toBeGreaterThanOrEqual(4);
    const fonts = pdfFonts(pdfOf(a));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.every((f) => /Tinos/.test(f.name))).toBe(true);
  });

  it('prints a record with 150 visits inside the printable area, the vital-sign header repeated on each page', async () => {
    t = await makeSignedInCore();
    const start = Date.parse(`${today()}T00:00:00Z`);
    const days = Array.from({ length: 150 }, (_, i) => vnDay(new Date(start - (150 - i) * 2 * 86_400_000)));
    const id = await makeSampleResident(t.ok, days);
    await t.ok('forms.saveSettings', {
      recordVisits: 'latest',
      recordVisitsCount: 150,
      directToDefault: false,
      appointmentPaper: 'A6',
    });
    const r = await t.ok('forms.render', { form: 'record', personId: id });
    const pdf = pdfOf(r);
    const words = pdfWords(pdf);
    expect(r.pages).toBeGreaterThan(40);
    expect(wordsOutside(words, PRINTABLE)).toEqual([]);
    // The body stays inside Decree 30's margins; only the footer sits in the bottom margin.
    const body = words.filter((w) => w.yMax < w.pageHeight - MARGINS[3]);
    expect(body.filter((w) => w.xMin < MARGINS[0] - 0.5 || w.xMax > w.pageWidth - MARGINS[2] + 0.5)).toEqual(
      [],
    );
    expect(flat(pdfText(pdf))).toContain('150 lượt khám gần nhất');
    expect(flat(pdfText(pdf))).toContain('Lần khám 150');
  }, 120_000);
});

describe('one visit, immunisation, appointment', () => {
  it('prints the visit form with the resident’s identification and the visit’s vitals', async () => {
    t = await makeSignedInCore();
    const id = await makeSampleResident(t.ok, [today()]);
    const text = flat(pdfText(pdfOf(await t.ok('forms.render', { form: 'visit', personId: id }))));
    expect(text).toContain('PHIẾU KHÁM SỨC KHỎE');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
    expect(text).toContain('GD4010120878837');
    expect(text).toMatch(/76\s+36,8\s+128\/82/);
    expect(text).toContain('Z00.0 — Khám sức khỏe tổng quát');
  });

  it('prints the immunisation summary with the doses due next, and refuses a visit form without a visit', async () => {
    t = await makeSignedInCore();
    const child = await t.ok('persons.create', {
      person: {
        fullName: 'Lê Minh Khôi',
        sex: 'M',
        birthDate: vnDay(new Date(Date.now() - 70 * 86_400_000)),
      },
      confirmSimilar: true,
    });
    await t.ok('immunizations.record', {
      personId: child.id,
      doses: [{ vaccineCode: 'BCG', givenOn: vnDay(new Date(Date.now() - 69 * 86_400_000)) }],
      confirmed: [],
    });
    const text = flat(
      pdfText(pdfOf(await t.ok('forms.render', { form: 'immunization', personId: child.id }))),
    );
    expect(text).toContain('PHIẾU TIÊM CHỦNG');
    expect(text).toContain('Lê Minh Khôi');
    expect(text).toContain('Các mũi tiêm sắp tới'.toUpperCase());
    expect(text).toMatch(/Lần hẹn tiêm tới: \d\d\/\d\d\/\d{4}/);
    expect(await t.call('forms.render', { form: 'visit', personId: child.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('chưa có lượt khám') },
    });
    const slip = await t.ok('forms.render', { form: 'appointment', personId: child.id });
    expect(flat(pdfText(pdfOf(slip)))).toMatch(
      /GIẤY HẸN[\s\S]*Mời đến trạm ngày: \d\d\/\d\d\/\d{4}[\s\S]*Tiêm chủng/,
    );
  });

  it('prints a follow-up slip from a visit’s next date on A6', async () => {
    t = await makeSignedInCore();
    const id = await makeSampleResident(t.ok, []);
    const draft = await t.ok('visits.start', { personId: id });
    const next = vnDay(new Date(Date.now() + 30 * 86_400_000));
    await t.ok('visits.sign', {
      id: draft.id,
      version: draft.version,
      visit: {
        visitOn: today(),
        followUpOn: next,
        diagnoses: [{ code: 'I10', name: 'Tăng huyết áp', main: true }],
      },
      confirmed: [],
    });
    const slip = await t.ok('forms.render', { form: 'appointment', personId: id });
    const words = pdfWords(pdfOf(slip));
    expect(words[0].pageWidth).toBeCloseTo(297.64, 0);
    expect(slip.pages).toBe(1);
    const text = flat(pdfText(pdfOf(slip)));
    expect(text).toContain(next.split('-').reverse().join('/'));
    expect(text).toContain('Tái khám: Tăng huyết áp');
  });
});

describe('blank forms and bad input', () => {
  it('prints blank forms with writing lines and empty tick boxes, inside the printable area', async () => {
    t = await makeSignedInCore();
    for (const form of ['blank-record', 'blank-visit'] as const) {
      const r = await t.ok('forms.render', { form });
      const pdf = pdfOf(r);
      const text = flat(pdfText(pdf));
      expect(text).toMatch(/Họ và tên: \.{20,}/);
      expect(text).toMatch(/Mạch \(lần\//);
      expect(text).not.toContain('■');
      expect(wordsOutside(pdfWords(pdf), PRINTABLE)).toEqual([]);
      if (form === 'blank-record') expect(text).toMatch(/□ Không □ Có □ Hút thường xuyên □ Đã bỏ/);
    }
  });

  it('keeps control characters, a 300-character word, emoji and combining marks from breaking the page', async () => {
    t = await makeSignedInCore();
    const id = await makeSampleResident(t.ok, []);
    const rec = await t.ok('record.get', { personId: id });
    const word = 'GD4010120878837'.repeat(20);
    await t.ok('record.saveHistory', {
      personId: id,
      version: rec.historyVersion,
      history: {
        ...rec.history,
        surgery: `Ghi chú\u0007 BHYT: ${word} 😷🩺 xong`,
        other: 'Tie\u0302\u0301n su\u031b\u0309 (NFD) a\u0300\u0300\u0300 ' + 'rất dài '.repeat(100),
      },
    });
    const r = await t.ok('forms.render', { form: 'record', personId: id });
    const pdf = pdfOf(r);
    const text = pdfText(pdf);
    expect(text).toContain('Tiến sử (NFD)');
    expect(text).not.toContain('\u0007');
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(text.replace(/[\s\u200b]/g, '')).toContain(word);
    expect(wordsOutside(pdfWords(pdf), PRINTABLE)).toEqual([]);
    const body = pdfWords(pdf).filter((w) => w.yMax < w.pageHeight - MARGINS[3]);
    expect(body.filter((w) => w.xMax > w.pageWidth - MARGINS[2] + 0.5)).toEqual([]);
    expect(pdfFonts(pdf).filter((f) => !f.embedded)).toEqual([]);
  });
});

describe('audit', () => {
  it('records who previewed and who saved which resident’s form', async () => {
    t = await makeSignedInCore();
    const id = await makeSampleResident(t.ok, [today()]);
    await t.ok('forms.render', { form: 'record', personId: id });
    await t.ok('forms.save', { form: 'visit', personId: id });
    await t.ok('forms.render', { form: 'blank-visit' });
    const rows = t.core.ctx.store.raw
      .prepare(
        `SELECT username, action, entity_id, details FROM audit_log WHERE action LIKE 'form.%' ORDER BY seq`,
      )
      .all() as { username: string; action: string; entity_id: string | null; details: string }[];
    expect(rows.map((r) => [r.username, r.action, r.entity_id, JSON.parse(r.details).form])).toEqual([
      ['quantri', 'form.preview', id, 'record'],
      ['quantri', 'form.save', id, 'visit'],
      ['quantri', 'form.preview', null, 'blank-visit'],
    ]);
  });

  it('refuses a viewer (no forms.print permission)', async () => {
    t = await makeSignedInCore();
    await t.ok('users.create', {
      username: 'xem',
      fullName: 'Người Xem',
      role: 'viewer',
      password: 'mat-khau-456',
    });
    await t.ok('auth.logout', {});
    await t.ok('auth.login', { username: 'xem', password: 'mat-khau-456' });
    expect(await t.call('forms.render', { form: 'blank-record' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
