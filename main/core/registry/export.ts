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
 * imported back (the importer recognises them).
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
}

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
                (SELECT value FROM person_identifiers WHERE person_id = p.id AND kind = 'cccd') AS cccd,
                (SELECT value FROM person_identifiers WHERE person_id = p.id AND kind = 'bhyt') AS bhyt,
                (SELECT valid_to FROM person_identifiers WHERE person_id = p.id AND kind = 'bhyt') AS bhyt_to
         FROM persons p LEFT JOIN households h ON h.id = p.household_id
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
