import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ListFilters } from '#contract/ops/persons.ts';
import { isoNow } from '../clock.ts';
import { streamedSheet } from '../xlsx-stream.ts';
import type { CoreContext } from '../context.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { todayIn } from './age.ts';
import { neutraliseFormula as safe } from './list-reader/formula-text.ts';

/**
 * Column headers are the usual Vietnamese ones, so an exported file can be edited in Excel and
 * imported back (the importer recognises them). Every field of 831 part A is a column (issue 14:
 * A.0–A.23, /work/shared/reference/form-831-and-standards.md §1.4 A), the first sixteen as they
 * always were, the rest after them so a template built on the old file still finds its columns.
 */
const COLUMNS = [
  { header: 'STT', key: 'stt', width: 7 },
  { header: 'Họ và tên', key: 'name', width: 28 },
  { header: 'Giới tính', key: 'sex', width: 9 },
  { header: 'Ngày sinh', key: 'birth', width: 12 },
  { header: 'Số CCCD', key: 'cccd', width: 15 },
  { header: 'Số thẻ BHYT', key: 'bhyt', width: 17 },
  { header: 'Hạn thẻ BHYT', key: 'bhytTo', width: 12 },
  { header: 'Điện thoại', key: 'phone', width: 13 },
  { header: 'Thôn/xóm', key: 'village', width: 18 },
  { header: 'Địa chỉ', key: 'address', width: 40 },
  { header: 'Mã hộ', key: 'household', width: 12 },
  { header: 'Quan hệ với chủ hộ', key: 'relation', width: 12 },
  { header: 'Dân tộc', key: 'ethnicity', width: 10 },
  { header: 'Nghề nghiệp', key: 'occupation', width: 16 },
  { header: 'Tình trạng', key: 'status', width: 14 },
  { header: 'Khám gần nhất', key: 'lastVisit', width: 13 },
  // A.4–A.5 blood group, A.7 birth registration, A.9 nationality, A.10 religion
  { header: 'Nhóm máu ABO', key: 'bloodAbo', width: 8 },
  { header: 'Nhóm máu Rh', key: 'bloodRh', width: 8 },
  { header: 'Nơi đăng ký khai sinh', key: 'birthProvince', width: 18 },
  { header: 'Quốc tịch', key: 'nationality', width: 8 },
  { header: 'Tôn giáo', key: 'religion', width: 14 },
  // A.12–A.15 papers: the CCCD's issue, an old CMND, the social-insurance code, the card's start
  { header: 'Ngày cấp CCCD', key: 'cccdIssuedOn', width: 12 },
  { header: 'Nơi cấp CCCD', key: 'cccdIssuedBy', width: 24 },
  { header: 'Số CMND', key: 'cmnd', width: 12 },
  { header: 'Mã số BHXH', key: 'bhxh', width: 12 },
  { header: 'Thẻ BHYT có giá trị từ', key: 'bhytFrom', width: 12 },
  // A.16 permanent residence, A.17 current residence (the village and full address are above)
  { header: 'Thường trú: thôn/xóm', key: 'permVillage', width: 16 },
  { header: 'Thường trú: số nhà, đường phố', key: 'permStreet', width: 20 },
  { header: 'Thường trú: xã/phường', key: 'permCommune', width: 18 },
  { header: 'Thường trú: tỉnh/thành phố', key: 'permProvince', width: 18 },
  { header: 'Địa chỉ thường trú', key: 'permText', width: 40 },
  { header: 'Hiện tại: số nhà, đường phố', key: 'curStreet', width: 20 },
  { header: 'Hiện tại: xã/phường', key: 'curCommune', width: 18 },
  { header: 'Hiện tại: tỉnh/thành phố', key: 'curProvince', width: 18 },
  // A.18–A.19 contact
  { header: 'Điện thoại cố định', key: 'landline', width: 13 },
  { header: 'Email', key: 'email', width: 24 },
  // A.20–A.23 parents and main caregiver, with their phones
  { header: 'Họ tên mẹ', key: 'motherName', width: 24 },
  { header: 'Điện thoại di động mẹ', key: 'motherPhone', width: 13 },
  { header: 'Điện thoại cố định mẹ', key: 'motherLandline', width: 13 },
  { header: 'Họ tên bố', key: 'fatherName', width: 24 },
  { header: 'Điện thoại di động bố', key: 'fatherPhone', width: 13 },
  { header: 'Điện thoại cố định bố', key: 'fatherLandline', width: 13 },
  { header: 'Người chăm sóc chính', key: 'caregiverName', width: 24 },
  { header: 'Quan hệ của người chăm sóc', key: 'caregiverRelation', width: 12 },
  { header: 'Điện thoại di động người chăm sóc', key: 'caregiverPhone', width: 13 },
  { header: 'Điện thoại cố định người chăm sóc', key: 'caregiverLandline', width: 13 },
] as const;

const STATUS: Record<string, string> = {
  active: 'Đang sinh sống',
  moved: 'Đã chuyển đi',
  deceased: 'Đã mất',
};
const vnDate = (iso: string | null) =>
  !iso ? '' : iso.length === 4 ? iso : `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

interface ExportRow {
  full_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  phone_mobile: string;
  village: string;
  cur_text: string;
  relation_to_head: string;
  ethnicity_code: string;
  occupation: string;
  status: string;
  last_visit_on: string | null;
  cccd: string | null;
  bhyt: string | null;
  bhyt_to: string | null;
  household: string | null;
  blood_abo: string;
  blood_rh: string;
  birth_province_code: string;
  nationality: string;
  religion: string;
  cccd_issued_on: string | null;
  cccd_issued_by: string | null;
  cmnd: string | null;
  bhxh: string | null;
  bhyt_from: string | null;
  perm_village: string;
  perm_street: string;
  perm_commune_code: string;
  perm_province_code: string;
  perm_text: string;
  cur_street: string;
  cur_commune_code: string;
  cur_province_code: string;
  phone_landline: string;
  email: string;
  mother_name: string;
  mother_phone: string;
  mother_landline: string;
  father_name: string;
  father_phone: string;
  father_landline: string;
  caregiver_name: string;
  caregiver_relation: string;
  caregiver_phone: string;
  caregiver_landline: string;
}

const RH: Record<string, string> = { '+': 'Rh+', '-': 'Rh−' };

export interface ExportResult {
  fileName: string;
  bytes: Buffer;
  rows: number;
}

/**
 * The registry, filtered like the resident list, as an XLSX workbook. Streams rows and yields to
 * the event loop every few hundred, so a 100,000-row export never freezes the window.
 */
export async function exportPersons(
  ctx: CoreContext,
  actor: Actor,
  filters: Pick<ListFilters, 'village' | 'sex' | 'status'>,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportResult> {
  const clauses: string[] = [];
  const params: string[] = [];
  const status = filters.status ?? 'active';
  if (status !== 'all') {
    clauses.push('p.status = ?');
    params.push(status);
  }
  if (filters.village) {
    clauses.push('p.village = ?');
    params.push(filters.village);
  }
  if (filters.sex) {
    clauses.push('p.sex = ?');
    params.push(filters.sex);
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const total = (
    ctx.store.prepare(`SELECT count(*) AS n FROM persons p ${where}`).get(...params) as { n: number }
  ).n;
  const ethnicity = new Map(ctx.codes.ethnicities().map((e) => [e.code, e.name]));
  const provinceName = (code: string) => (code ? (ctx.codes.province(code)?.fullName ?? code) : '');
  const communeName = (code: string) => (code ? (ctx.codes.commune(code)?.fullName ?? code) : '');

  const { sheet, finish } = streamedSheet('Dân cư', COLUMNS);

  // The order comes from one scan of the covering index; rows are then read 500 at a time by key,
  // each batch a short query, so other requests run between batches (a better-sqlite3 iterator
  // would hold the connection for the whole export).
  const keys = ctx.store
    .prepare(`SELECT p.pk FROM persons p ${where} ORDER BY p.village, p.name_folded`)
    .pluck()
    .all(...params) as number[];
  let n = 0;
  for (let i = 0; i < keys.length; i += 500) {
    const batch = keys.slice(i, i + 500);
    const rows = ctx.store
      .prepare(
        `SELECT p.pk, p.full_name, p.sex, p.birth_date, p.phone_mobile, p.village, p.cur_text, p.relation_to_head,
                p.ethnicity_code, p.occupation, p.status, p.last_visit_on, h.code AS household,
                p.blood_abo, p.blood_rh, p.birth_province_code, p.nationality, p.religion,
                p.perm_village, p.perm_street, p.perm_commune_code, p.perm_province_code, p.perm_text,
                p.cur_street, p.cur_commune_code, p.cur_province_code, p.phone_landline, p.email,
                p.mother_name, p.mother_phone, p.mother_landline, p.father_name, p.father_phone, p.father_landline,
                p.caregiver_name, p.caregiver_relation, p.caregiver_phone, p.caregiver_landline,
                cccd.value AS cccd, cccd.issued_on AS cccd_issued_on, cccd.issued_by AS cccd_issued_by,
                bhyt.value AS bhyt, bhyt.valid_to AS bhyt_to, bhyt.valid_from AS bhyt_from,
                (SELECT value FROM person_identifiers WHERE person_id = p.id AND kind = 'cmnd') AS cmnd,
                (SELECT value FROM person_identifiers WHERE person_id = p.id AND kind = 'bhxh') AS bhxh
         FROM persons p LEFT JOIN households h ON h.id = p.household_id
           LEFT JOIN person_identifiers cccd ON cccd.person_id = p.id AND cccd.kind = 'cccd'
           LEFT JOIN person_identifiers bhyt ON bhyt.person_id = p.id AND bhyt.kind = 'bhyt'
         WHERE p.pk IN (${batch.map(() => '?').join(',')})`,
      )
      .all(...batch) as (ExportRow & { pk: number })[];
    const byPk = new Map(rows.map((r) => [r.pk, r]));
    for (const pk of batch) {
      const r = byPk.get(pk);
      if (!r) continue;
      n += 1;
      sheet
        .addRow({
          stt: n,
          name: safe(r.full_name),
          sex: r.sex === 'M' ? 'Nam' : 'Nữ',
          birth: vnDate(r.birth_date),
          cccd: r.cccd ?? '',
          bhyt: r.bhyt ?? '',
          bhytTo: vnDate(r.bhyt_to),
          phone: safe(r.phone_mobile),
          village: safe(r.village),
          address: safe(r.cur_text),
          household: safe(r.household ?? ''),
          relation: safe(r.relation_to_head),
          ethnicity: ethnicity.get(r.ethnicity_code) ?? '',
          occupation: safe(r.occupation),
          status: STATUS[r.status] ?? r.status,
          lastVisit: vnDate(r.last_visit_on),
          bloodAbo: r.blood_abo,
          bloodRh: RH[r.blood_rh] ?? '',
          birthProvince: provinceName(r.birth_province_code),
          nationality: safe(r.nationality),
          religion: safe(r.religion),
          cccdIssuedOn: vnDate(r.cccd_issued_on),
          cccdIssuedBy: safe(r.cccd_issued_by ?? ''),
          cmnd: r.cmnd ?? '',
          bhxh: r.bhxh ?? '',
          bhytFrom: vnDate(r.bhyt_from),
          permVillage: safe(r.perm_village),
          permStreet: safe(r.perm_street),
          permCommune: communeName(r.perm_commune_code),
          permProvince: provinceName(r.perm_province_code),
          permText: safe(r.perm_text),
          curStreet: safe(r.cur_street),
          curCommune: communeName(r.cur_commune_code),
          curProvince: provinceName(r.cur_province_code),
          landline: safe(r.phone_landline),
          email: safe(r.email),
          motherName: safe(r.mother_name),
          motherPhone: safe(r.mother_phone),
          motherLandline: safe(r.mother_landline),
          fatherName: safe(r.father_name),
          fatherPhone: safe(r.father_phone),
          fatherLandline: safe(r.father_landline),
          caregiverName: safe(r.caregiver_name),
          caregiverRelation: safe(r.caregiver_relation),
          caregiverPhone: safe(r.caregiver_phone),
          caregiverLandline: safe(r.caregiver_landline),
        })
        .commit();
    }
    onProgress?.(n, total);
    await yieldToEventLoop();
  }
  const bytes = await finish();
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      actor,
      { action: 'persons.export', details: { rows: n, filters } },
      isoNow(ctx.clock),
    ),
  );
  return { fileName: `dan-cu-${todayIn(ctx.clock)}.xlsx`, bytes, rows: n };
}
