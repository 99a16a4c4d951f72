/**
 * A work list as an XLSX workbook (the streaming writer, yielding every few hundred rows), with the
 * list's own date and detail columns. Audited: who took which residents' list out of the station.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { z } from 'zod';
import { isoToVn } from '#contract/dates.ts';
import type { WorklistInput } from '#contract/ops/reports.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { neutraliseFormula as safe } from '../registry/list-reader/formula-text.ts';
import { streamedSheet } from '../xlsx-stream.ts';
import { worklist } from './worklists.ts';

type Input = Omit<z.output<typeof WorklistInput>, 'limit'>;

export async function exportWorklist(
  ctx: CoreContext,
  actor: Actor,
  input: Input,
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const list = worklist(ctx, { ...input, limit: Number.MAX_SAFE_INTEGER });
  const { sheet, finish } = streamedSheet('Danh sách', [
    { header: 'STT', key: 'stt', width: 6 },
    { header: 'Họ và tên', key: 'name', width: 26 },
    { header: 'Ngày sinh', key: 'birth', width: 12 },
    { header: 'Giới tính', key: 'sex', width: 9 },
    { header: 'Thôn/xóm', key: 'village', width: 16 },
    { header: 'Điện thoại', key: 'phone', width: 13 },
    { header: list.dateLabel, key: 'date', width: 14 },
    { header: list.detailLabel, key: 'detail', width: 50 },
  ]);
  let n = 0;
  for (const r of list.rows) {
    n += 1;
    sheet
      .addRow({
        stt: n,
        name: safe(r.fullName),
        birth: r.birthDate.length === 10 ? isoToVn(r.birthDate) : r.birthDate,
        sex: r.sex === 'M' ? 'Nam' : 'Nữ',
        village: safe(r.village),
        phone: safe(r.phone),
        date: r.date ? isoToVn(r.date) : '',
        detail: safe(r.detail),
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
        action: 'reports.worklist.export',
        details: {
          kind: input.kind,
          from: input.from,
          to: input.to,
          village: input.village ?? null,
          rows: n,
        },
      },
      isoNow(ctx.clock),
    ),
  );
  return { fileName: `${input.kind}-${input.to}.xlsx`, bytes, rows: n };
}
