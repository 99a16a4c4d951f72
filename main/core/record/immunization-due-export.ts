/**
 * The session's due list as an XLSX workbook — the invitation list a village health worker takes
 * round: who (name, birth date, the parent or caregiver, village, phone), which dose, and the
 * session's day and place. Written by the streaming writer, yielding to the event loop every few
 * hundred rows.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { z } from 'zod';
import { isoToVn } from '#contract/dates.ts';
import type { DueListInput } from '#contract/ops/record.ts';
import { isoNow } from '../clock.ts';
import { streamedSheet } from '../xlsx-stream.ts';
import type { CoreContext } from '../context.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { neutraliseFormula as safe } from '../registry/list-reader/formula-text.ts';
import { getStation } from '../station/station.ts';
import { dueList } from './immunization-due-list.ts';

const COLUMNS = [
  { header: 'STT', key: 'stt', width: 6 },
  { header: 'Họ và tên', key: 'name', width: 26 },
  { header: 'Ngày sinh', key: 'birth', width: 12 },
  { header: 'Giới tính', key: 'sex', width: 9 },
  { header: 'Cha/mẹ/người chăm sóc', key: 'caregiver', width: 28 },
  { header: 'Điện thoại', key: 'phone', width: 13 },
  { header: 'Thôn/xóm', key: 'village', width: 16 },
  { header: 'Mũi tiêm', key: 'doses', width: 44 },
  { header: 'Hạn tiêm', key: 'due', width: 12 },
  { header: 'Tình trạng', key: 'status', width: 11 },
  { header: 'Ngày tiêm chủng', key: 'session', width: 14 },
  { header: 'Nơi tiêm', key: 'place', width: 22 },
] as const;

/** An export never stops at the screen's limit: the whole list for the session. */
const ALL_ROWS = 1_000_000;

export async function exportDueList(
  ctx: CoreContext,
  actor: Actor,
  input: Omit<z.output<typeof DueListInput>, 'limit'> & { place?: string },
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const list = dueList(ctx, { ...input, limit: ALL_ROWS });
  const place = input.place || getStation(ctx).name || 'Trạm y tế';
  const { sheet, finish } = streamedSheet('Danh sách mời tiêm', COLUMNS);
  let n = 0;
  for (const r of list.rows) {
    n += 1;
    const overdue = r.doses.some((d) => d.status === 'overdue');
    sheet
      .addRow({
        stt: n,
        name: safe(r.fullName),
        birth: isoToVn(r.birthDate),
        sex: r.sex === 'M' ? 'Nam' : 'Nữ',
        caregiver: safe(r.caregiver),
        phone: safe(r.phone),
        village: safe(r.village),
        doses: r.doses.map((d) => d.name).join('; '),
        due: isoToVn(r.doses[0].due),
        status: overdue ? 'Quá hạn' : 'Đến hạn',
        session: isoToVn(list.sessionDate),
        place: safe(place),
      })
      .commit();
    if (n % 500 === 0) await yieldToEventLoop();
  }
  const bytes = await finish();
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'immunization.dueList.export',
        details: {
          rows: n,
          sessionDate: input.sessionDate,
          village: input.village ?? null,
          vaccine: input.vaccine ?? null,
        },
      },
      isoNow(ctx.clock),
    ),
  );
  const village = input.village ? `-${slug(input.village)}` : '';
  return { fileName: `moi-tiem-${input.sessionDate}${village}.xlsx`, bytes, rows: n };
}

/** "Thôn Đông" → "thon-dong", for the file name. */
const slug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
