import { DOMParser, type Element } from '@xmldom/xmldom';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FULL_PERSON_ID, fullRecord } from '../../../../test/upstream/xml831-fixture.ts';
import { loadXml831Codes } from './code-lists.ts';
import { buildXml831 } from './document.ts';
import type { Xml831Record } from './source.ts';

const codes = loadXml831Codes(join(import.meta.dirname, '../../../../resources'));
const sender = { code: '38152', name: 'Trạm Y tế xã Nông Cống' };
const NOW = '2026-12-07T10:30:00.000Z';

function parse(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const all = (path: string): string[] => {
    const parts = path.split('/');
    let nodes: Element[] = [doc.documentElement as unknown as Element];
    for (const p of parts)
      nodes = nodes.flatMap((n) =>
        Array.from(n.childNodes).filter(
          (c): c is Element => c.nodeType === 1 && (c as Element).tagName === p,
        ),
      );
    return nodes.map((n) => n.textContent ?? '');
  };
  const one = (path: string) => {
    const found = all(path);
    if (found.length !== 1) throw new Error(`${path}: ${found.length} elements`);
    return found[0];
  };
  return { all, one };
}

const A = 'BODY/HOSOSUCKHOE/THONGTINCHUNG/';
const B = 'BODY/HOSOSUCKHOE/TIENSU/';
const C = 'BODY/HOSOSUCKHOE/TIEMCHUNG/';
const D = 'BODY/HOSOSUCKHOE/DANHSACHHOSOKHAMCHUABENH/HOSOKHAMCHUABENH/';

describe('provincial 831 XML: serialisation rules', () => {
  const { xml } = buildXml831(fullRecord(), sender, codes, { now: NOW });

  it('is UTF-8 without a byte-order mark, with the declaration and DATA as root, no namespaces', () => {
    const bytes = Buffer.from(xml, 'utf8');
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><DATA><HEADER>')).toBe(true);
    expect(xml).not.toMatch(/xmlns|xsi:|xsd:/);
    expect(xml.endsWith('<SECURITY><SIGNATURE></SIGNATURE></SECURITY></DATA>')).toBe(true);
  });

  it('never self-closes a tag, and an empty record still carries every tag of every part', () => {
    const bare: Xml831Record = { ...fullRecord(), history: null, doses: [], visits: [] };
    const empty = buildXml831(bare, sender, codes, { now: NOW }).xml;
    expect(xml).not.toContain('/>');
    expect(empty).not.toContain('/>');
    const tags = (s: string) => new Set([...s.matchAll(/<([A-Z_0-9]+)>/g)].map((m) => m[1]));
    const full = tags(xml);
    // Repeated items (a dose, a visit, a disease row) exist only when there is one; every other tag is always there.
    const repeated = new Set([
      'THONGTINMUITIEM',
      'HOSOKHAMCHUABENH',
      'DSYEUTO',
      'DSKHUYETTAT',
      'DSDIUNG',
      'DSBENH',
      'QUANHE_GIADINH',
      'DICHVU',
      'CHANDOANBENH',
    ]);
    const inside = new Set<string>();
    for (const r of repeated)
      for (const m of xml.matchAll(new RegExp(`<${r}>(.*?)</${r}>`, 'g')))
        for (const t of tags(m[1] ?? '')) inside.add(t);
    const missing = [...full].filter((t) => !repeated.has(t) && !inside.has(t) && !tags(empty).has(t));
    expect(missing).toEqual([]);
    expect(tags(empty).has('SUCKHOE_SINHSAN')).toBe(true);
    expect(parse(empty).one(`${B}SUCKHOE_SINHSAN/SOLAN_COTHAI`)).toBe('');
  });

  it('escapes markup in text and keeps Vietnamese as written (NFC)', () => {
    expect(xml).toContain('<HOTEN>Nguyễn Thị Hoà &amp; &lt;Bé&gt;</HOTEN>');
    expect(parse(xml).one(`${A}HOTEN`)).toBe('Nguyễn Thị Hoà & <Bé>');
    const pasted = fullRecord();
    const withControl = { ...pasted, person: { ...pasted.person, fullName: 'Lê\u0007 Văn\u0000 A' } };
    expect(buildXml831(withControl, sender, codes, { now: NOW }).xml).toContain('<HOTEN>Lê Văn A</HOTEN>');
  });
});

describe('provincial 831 XML: header and idempotency key', () => {
  it('names the sender and the transaction, in Vietnam time', () => {
    const d = parse(buildXml831(fullRecord(), sender, codes, { now: NOW, transactionId: 't-1' }).xml);
    expect(d.one('HEADER/SENDER_CODE')).toBe('38152');
    expect(d.one('HEADER/SENDER_NAME')).toBe('Trạm Y tế xã Nông Cống');
    expect(d.one('HEADER/TRANSACTION_DATE')).toBe('07/12/2026 17:30:00');
    expect(d.one('HEADER/TRANSACTION_ID')).toBe('t-1');
    expect(d.one('HEADER/REQUEST_ID')).toMatch(new RegExp(`^HSSK-${FULL_PERSON_ID}-[0-9a-f]{20}$`));
  });

  it('REQUEST_ID is the same for the same record at another time, and new when anything sent changes', () => {
    const a = buildXml831(fullRecord(), sender, codes, { now: NOW });
    const b = buildXml831(fullRecord(), sender, codes, { now: '2027-01-01T00:00:00.000Z' });
    expect(b.requestId).toBe(a.requestId);
    expect(a.requestId.length).toBeLessThanOrEqual(100);
    const edited = fullRecord();
    const changed = { ...edited, person: { ...edited.person, phoneMobile: '0999999999' } };
    expect(buildXml831(changed, sender, codes, { now: NOW }).requestId).not.toBe(a.requestId);
  });
});

describe('provincial 831 XML: part A (THONGTINCHUNG)', () => {
  const d = parse(buildXml831(fullRecord(), sender, codes, { now: NOW }).xml);
  it('maps identity, household, codes and addresses', () => {
    expect(d.one(`${A}MADINHDANH`)).toBe('038190001234');
    expect(d.one(`${A}MATHE`)).toBe('GD4383822471234');
    expect(d.one(`${A}MABHXH`)).toBe('3822471234');
    expect(d.one(`${A}MAHO_GIADINH`)).toBe('HK-0421');
    expect(d.one(`${A}QUANHE_CHUHO`)).toBe('Vợ');
    expect(d.one(`${A}GIOITINH`)).toBe('2');
    expect(d.one(`${A}NHOMMAU_HEABO`)).toBe('AB');
    expect(d.one(`${A}NHOMMAU_HERH`)).toBe('-');
    expect(d.one(`${A}NGAYSINH`)).toBe('21/03/1990');
    expect(d.one(`${A}MATINH_KHAISINH`)).toBe('38');
    expect(d.one(`${A}MADANTOC`)).toBe('01');
    expect(d.one(`${A}MAQUOCTICH`)).toBe('VN');
    expect(d.one(`${A}MATONGIAO`)).toBe('2');
    expect(d.one(`${A}MANGHENGHIEP`)).toBe('6');
    expect(d.one(`${A}SOCMND`)).toBe('038190001234');
    expect(d.one(`${A}NGAYCAP`)).toBe('14/08/2021');
    expect(d.one(`${A}NOICAP`)).toBe('Cục Cảnh sát QLHC về TTXH');
    expect(d.one(`${A}DIACHI_THUONGTRU`)).toBe('Thôn Lai Ổn, Xã Nông Cống, Tỉnh Thanh Hoá');
    expect(d.one(`${A}MATINH_THUONGTRU`)).toBe('38');
    expect(d.one(`${A}MAXA_THUONGTRU`)).toBe('15652');
    expect(d.one(`${A}MAHUYEN_THUONGTRU`)).toBe('');
    expect(d.one(`${A}DIACHI_HIENTAI`)).toBe('Số 5 ngõ 3, Thôn Bến, Xã Nông Cống, Tỉnh Thanh Hoá');
    expect(d.one(`${A}DIENTHOAI_CD`)).toBe('02373888999');
    expect(d.one(`${A}DIENTHOAI_DD`)).toBe('0912345678');
    expect(d.one(`${A}EMAIL`)).toBe('hoa@example.vn');
  });
  it('sends father, mother and the main caregiver as QUANHE_GIADINH, the caregiver as guardian', () => {
    expect(d.all(`${A}QUANHE_GIADINH/HOTEN`)).toEqual(['Nguyễn Văn Bố', 'Lê Thị Mẹ', 'Trần Văn Chồng']);
    expect(d.all(`${A}QUANHE_GIADINH/TEN_QUANHE`)).toEqual(['Bố', 'Mẹ', 'Chồng']);
    expect(d.all(`${A}QUANHE_GIADINH/DIENTHOAI`)).toEqual(['02373111111', '', '']);
    expect(d.all(`${A}QUANHE_GIADINH/GIAMHO`)).toEqual(['0', '0', '1']);
  });
  it('a year-only birth date is sent as the year; the head of household is "Chủ hộ"; CMND when no CCCD', () => {
    const r = fullRecord();
    const p = {
      ...r.person,
      birthDate: '1948',
      identifiers: [
        {
          kind: 'cmnd' as const,
          value: '172345678',
          issuedOn: null,
          issuedBy: '',
          validFrom: null,
          validTo: null,
        },
      ],
      household: { id: 'h1', code: 'HK-1', village: '', headPersonId: r.person.id },
      religion: 'Không',
      occupation: 'Học sinh',
    };
    const e = parse(buildXml831({ ...r, person: p }, sender, codes, { now: NOW }).xml);
    expect(e.one(`${A}NGAYSINH`)).toBe('1948');
    expect(e.one(`${A}QUANHE_CHUHO`)).toBe('Chủ hộ');
    expect(e.one(`${A}MADINHDANH`)).toBe('');
    expect(e.one(`${A}SOCMND`)).toBe('172345678');
    expect(e.one(`${A}MATONGIAO`)).toBe('');
    expect(e.one(`${A}MANGHENGHIEP`)).toBe('');
  });
});

describe('provincial 831 XML: part B (TIENSU)', () => {
  const d = parse(buildXml831(fullRecord(), sender, codes, { now: NOW }).xml);
  it('birth, risk factors with their codes, exposure and latrine', () => {
    expect(d.one(`${B}TINHTRANG_LUCSINH/LOAIDE`)).toBe('1');
    expect(d.one(`${B}TINHTRANG_LUCSINH/DETHIEUTHANG`)).toBe('1');
    expect(d.one(`${B}TINHTRANG_LUCSINH/BINGAT_LUCDE`)).toBe('0');
    expect(d.one(`${B}TINHTRANG_LUCSINH/CANNANG`)).toBe('2400');
    expect(d.one(`${B}TINHTRANG_LUCSINH/CHIEUDAI`)).toBe('46');
    expect(d.one(`${B}TINHTRANG_LUCSINH/DITAT_BAMSINH`)).toBe('Hở hàm ếch');
    expect(d.one(`${B}TINHTRANG_LUCSINH/KHAC`)).toBe('Vàng da');
    expect(d.all(`${B}YEUTO_SUCKHOE/DSYEUTO/LOAI`)).toEqual(['1', '2', '3', '4']);
    expect(d.all(`${B}YEUTO_SUCKHOE/DSYEUTO/TRANGTHAI`)).toEqual(['0', '2', '0', '2']);
    expect(d.all(`${B}YEUTO_SUCKHOE/DSYEUTO/DABO`)).toEqual(['1', '0', '0', '']);
    expect(d.all(`${B}YEUTO_SUCKHOE/DSYEUTO/SOLUONG`)).toEqual(['', '3', '', '']);
    expect(d.one(`${B}YEUTO_SUCKHOE/YEUTO_TIEPXUC`)).toBe('Thuốc trừ sâu');
    expect(d.one(`${B}YEUTO_SUCKHOE/THOIGIAN_TIEPXUC`)).toBe('10 năm');
    expect(d.one(`${B}YEUTO_SUCKHOE/LOAIHOXIGD`)).toBe('2');
    expect(d.one(`${B}YEUTO_SUCKHOE/KHAC`)).toBe('Ít ngủ');
  });
  it('disabilities, allergies, diseases, surgery, family history, reproductive health, other', () => {
    expect(d.all(`${B}KHUYETTAT/DSKHUYETTAT/LOAI`)).toEqual(['2']);
    expect(d.all(`${B}KHUYETTAT/DSKHUYETTAT/MOTA`)).toEqual(['Cận 3 độ']);
    expect(d.all(`${B}TIEUSU_BENHTAT/DIUNG/DSDIUNG/LOAI`)).toEqual(['1', '3']);
    expect(d.all(`${B}TIEUSU_BENHTAT/DIUNG/DSDIUNG/MOTA`)).toEqual(['Penicillin', 'Tôm']);
    expect(d.all(`${B}TIEUSU_BENHTAT/BENHTAT/DSBENH/LOAIBENH`)).toEqual(['2', '3', '13', '15']);
    expect(d.all(`${B}TIEUSU_BENHTAT/BENHTAT/DSBENH/TENBENH`)).toEqual([
      'Tăng huyết áp',
      'Đái tháo đường',
      'Ung thư',
      'Khác',
    ]);
    expect(d.all(`${B}TIEUSU_BENHTAT/BENHTAT/DSBENH/MOTA`)).toEqual(['', '', 'Ung thư vú', 'Gout']);
    expect(d.one(`${B}TIENSU_PHAUTHUAT`)).toBe('Mổ ruột thừa năm 2010');
    expect(d.all(`${B}TIENSU_GIADINH/DIUNG/DSDIUNG/MOTA`)).toEqual(['Aspirin']);
    expect(d.all(`${B}TIENSU_GIADINH/DIUNG/DSDIUNG/NGUOIMAC`)).toEqual(['Bố']);
    expect(d.all(`${B}TIENSU_GIADINH/BENHTAT/DSBENH/LOAIBENH`)).toEqual(['2', '3', '13']);
    expect(d.all(`${B}TIENSU_GIADINH/BENHTAT/DSBENH/NGUOIMAC`)).toEqual(['Mẹ', 'Ông nội', '']);
    expect(d.all(`${B}TIENSU_GIADINH/BENHTAT/DSBENH/MOTA`)).toEqual(['', '', 'Gan, bác ruột']);
    const r = `${B}SUCKHOE_SINHSAN/`;
    expect(d.one(`${r}BIENPHAP_TRANHTHAI`)).toBe('Vòng tránh thai');
    expect(d.one(`${r}KYTHAICUOI`)).toBe('2019');
    expect(
      [
        'SOLAN_COTHAI',
        'SOLAN_SAYTHAI',
        'SOLAN_PHATHAI',
        'SOLAN_SINHDE',
        'SOLAN_DETHUONG',
        'SOLAN_DEMO',
        'SOLANDEKHO',
        'SOLANDE_DUTHANG',
        'SOLAN_DENON',
        'SOCON_HIENSONG',
      ].map((t) => d.one(r + t)),
    ).toEqual(['3', '1', '0', '2', '1', '1', '0', '2', '0', '2']);
    expect(d.one(`${r}BENH_PHUKHOA`)).toBe('Viêm lộ tuyến');
    expect(d.one(`${B}VANDEKHAC`)).toBe('Không');
  });
});

describe('provincial 831 XML: part C (TIEMCHUNG)', () => {
  const d = parse(buildXml831(fullRecord(), sender, codes, { now: NOW }).xml);
  it('each dose with its vaccine, group, date, pregnancy month, reaction, next date and order', () => {
    expect(d.all(`${C}THONGTINMUITIEM/MAVACXIN`)).toEqual(['UV1', 'UV2', 'CUM1']);
    expect(d.all(`${C}THONGTINMUITIEM/TENVACXIN`)).toEqual(['Uốn ván 1', 'Uốn ván 2', 'Cúm 1']);
    expect(d.all(`${C}THONGTINMUITIEM/LOAIVACXIN`)).toEqual(['3', '3', '2']);
    expect(d.all(`${C}THONGTINMUITIEM/TRANGTHAI`)).toEqual(['1', '1', '1']);
    expect(d.all(`${C}THONGTINMUITIEM/NGAYTIEM`)).toEqual(['01/02/2019', '01/03/2019', '10/10/2025']);
    expect(d.all(`${C}THONGTINMUITIEM/THANGTHAI`)).toEqual(['5', '6', '']);
    expect(d.all(`${C}THONGTINMUITIEM/PHANUNGSAUTIEM`)).toEqual(['', 'Sốt nhẹ', '']);
    expect(d.all(`${C}THONGTINMUITIEM/NGAYHENTIEM`)).toEqual(['01/03/2019', '', '']);
    expect(d.all(`${C}THONGTINMUITIEM/MUITHU`)).toEqual(['1', '2', '1']);
    expect(d.one(`${C}SOMUIUONVANMETIEM`)).toBe('2');
  });
});

describe('provincial 831 XML: part D (DANHSACHHOSOKHAMCHUABENH)', () => {
  const d = parse(buildXml831(fullRecord(), sender, codes, { now: NOW }).xml);
  it('sends signed visits only, with vitals, vision, findings, labs and ICD-10 diagnoses', () => {
    expect(d.all(`${D}MA_LK`)).toEqual(['v-signed-1']);
    expect(d.one(`${D}NGAYKHAM`)).toBe('02/11/2026');
    expect(d.one(`${D}BACSIKHAM`)).toBe('BS. Phạm Văn Khám');
    expect(d.one(`${D}LYDOKHAM`)).toBe('Khám định kỳ');
    expect(d.one(`${D}BENHSU`)).toBe('Đau đầu 3 ngày');
    expect(
      [
        'MACH',
        'NHIETDO',
        'HUYETAPTT',
        'HUYETAPTD',
        'NHIPTHO',
        'CHIEUCAO',
        'CHISOBMI',
        'CANNANG',
        'VONGBUNG',
      ].map((t) => d.one(D + t)),
    ).toEqual(['82', '36.8', '150', '95', '18', '155', '25.6', '61.5', '84']);
    expect(d.one(`${D}SUDUNGKINH`)).toBe('1');
    expect(d.one(`${D}MATPHAI`)).toBe('8/10 (có kính: 10/10)');
    expect(d.one(`${D}MATTRAI`)).toBe('9/10');
    expect(d.one(`${D}KHAMDA`)).toBe('Hồng');
    expect(d.one(`${D}KHAMTIMMACH`)).toBe('Tim đều');
    expect(d.one(`${D}KHAC`)).toBe('Không');
    expect(d.one(`${D}KHAMHOHAP`)).toBe('');
    expect(d.one(`${D}TUVAN`)).toBe('Ăn nhạt, tập thể dục');
    expect(d.all(`${D}CANLAMSANG/DICHVU/MANHOM`)).toEqual(['1', '2']);
    expect(d.all(`${D}CANLAMSANG/DICHVU/TENDICHVU`)).toEqual(['Đường máu', 'Siêu âm ổ bụng']);
    expect(d.all(`${D}CANLAMSANG/DICHVU/KETQUA`)).toEqual(['7,2 mmol/L', 'Gan nhiễm mỡ độ 1']);
    expect(d.all(`${D}CHANDOANKETLUAN/CHANDOANBENH/MABENH`)).toEqual(['I10', 'E11']);
    expect(d.all(`${D}CHANDOANKETLUAN/CHANDOANBENH/KETLUAN`)).toEqual(['Độ 1. Theo dõi huyết áp', '']);
  });
});
