import type { Identifier } from '#contract/ops/persons.ts';
import { decodeBhyt } from '../../registry/identity.ts';
import type { Xml831Codes } from './code-lists.ts';
import { xmlDate } from './format.ts';
import type { Xml831Record } from './source.ts';
import { leaf, node, type XmlElement } from './xml.ts';

const find = (ids: readonly Identifier[], kind: Identifier['kind']) => ids.find((i) => i.kind === kind);

/**
 * QUANHE_GIADINH kinds. The provincial spec's own list was not seen (§1.5 names the tag only), so
 * these are the app's, fixed and written in README: 1 father, 2 mother, 3 main caregiver.
 */
export const FAMILY_RELATION = { father: '1', mother: '2', caregiver: '3' } as const;

/** THONGTINCHUNG: part A (A.0–A.23). */
export function thongTinChung(rec: Xml831Record, codes: Xml831Codes): XmlElement {
  const p = rec.person;
  const cccd = find(p.identifiers, 'cccd');
  const bhyt = find(p.identifiers, 'bhyt');
  // SOCMND takes the strongest identity paper the resident has, as S-HIS does: CCCD → CMND → passport.
  const paper = cccd ?? find(p.identifiers, 'cmnd') ?? find(p.identifiers, 'passport');
  const address = (kind: 'THUONGTRU' | 'HIENTAI', a: typeof p.permanentAddress, line: string) => [
    leaf(`DIACHI_${kind}`, line || a.text),
    leaf(`MATINH_${kind}`, a.provinceCode),
    // Since the 2025 reform communes belong to provinces directly: there is no district to send.
    leaf(`MAHUYEN_${kind}`, ''),
    leaf(`MAXA_${kind}`, a.communeCode),
    // No national village list exists; the village's name is in DIACHI_*.
    leaf(`MATHONXOM_${kind}`, ''),
  ];
  const relatives: XmlElement[] = [];
  const relative = (
    kind: string,
    name: string,
    contact: { name: string; phone: string; landline?: string | undefined },
    guardian: boolean,
  ) => {
    if (!contact.name && !contact.phone) return;
    relatives.push(
      node('QUANHE_GIADINH', [
        leaf('LOAI_QUANHE', kind),
        leaf('TEN_QUANHE', name),
        leaf('MADINHDANH', ''),
        leaf('HOTEN', contact.name),
        leaf('DIENTHOAI', contact.landline ?? ''),
        leaf('DIDONG', contact.phone),
        leaf('GIAMHO', guardian ? '1' : '0'),
      ]),
    );
  };
  relative(FAMILY_RELATION.father, 'Bố', p.father, false);
  relative(FAMILY_RELATION.mother, 'Mẹ', p.mother, false);
  relative(FAMILY_RELATION.caregiver, p.caregiver.relation || 'Người chăm sóc chính', p.caregiver, true);
  const isHead = p.household?.headPersonId === p.id;
  return node('THONGTINCHUNG', [
    leaf('MADINHDANH', cccd?.value ?? ''),
    leaf('VNEID', ''),
    leaf('MABHXH', bhyt ? (decodeBhyt(bhyt.value)?.bhxhNumber ?? '') : ''),
    leaf('MATHE', bhyt?.value ?? ''),
    leaf('MAHO_GIADINH', p.household?.code ?? ''),
    leaf('MA_NHANKHAU', ''),
    leaf('HOTEN', p.fullName),
    leaf('QUANHE_CHUHO', isHead ? 'Chủ hộ' : p.relationToHead),
    leaf('GIOITINH', p.sex === 'M' ? '1' : p.sex === 'F' ? '2' : ''),
    leaf('NHOMMAU_HEABO', p.bloodAbo),
    leaf('NHOMMAU_HERH', p.bloodRh),
    leaf('NGAYSINH', xmlDate(p.birthDate)),
    leaf('MATINH_KHAISINH', p.birthProvinceCode),
    leaf('MADANTOC', p.ethnicityCode),
    leaf('MAQUOCTICH', p.nationality),
    leaf('MATONGIAO', codes.religion(p.religion)),
    leaf('MANGHENGHIEP', codes.occupation(p.occupation)),
    leaf('SOCMND', paper?.value ?? ''),
    leaf('NGAYCAP', xmlDate(paper?.issuedOn)),
    leaf('NOICAP', paper?.issuedBy ?? ''),
    ...address('THUONGTRU', p.permanentAddress, p.addressLines.permanent),
    ...address('HIENTAI', p.currentAddress, p.addressLines.current),
    leaf('DIENTHOAI_CD', p.phoneLandline),
    leaf('DIENTHOAI_DD', p.phoneMobile),
    leaf('EMAIL', p.email),
    ...relatives,
  ]);
}
