/**
 * The registers' operations with their audit entries: the A1 register shows residents' data, so
 * each read (one entry per page shown, with the range) and each export is on the trail; the
 * monthly summary holds only counts, its reads and exports are noted all the same.
 */
import type { A1Page, MonthlySummary } from '#contract/ops/registers.ts';
import { isoNow } from '../../clock.ts';
import type { CoreContext } from '../../context.ts';
import { appendAudit, type Actor } from '../../audit/audit.ts';
import { getStation } from '../../station/station.ts';
import { a1Rows, countA1 } from './a1.ts';
import { a1Workbook } from './a1-xlsx.ts';
import { monthlySummary } from './monthly.ts';
import { monthlyWorkbook } from './monthly-xlsx.ts';
import { checkRange } from './range.ts';

function audit(
  ctx: CoreContext,
  actor: Actor,
  action: 'register.a1.read' | 'register.a1.export' | 'register.monthly.read' | 'register.monthly.export',
  details: Record<string, unknown>,
): void {
  ctx.store.tx(() => appendAudit(ctx.store, actor, { action, details }, isoNow(ctx.clock)));
}

export function readA1(
  ctx: CoreContext,
  actor: Actor,
  q: { from: string; to: string; offset: number; limit: number },
): A1Page {
  checkRange(q.from, q.to);
  const total = countA1(ctx, q.from, q.to);
  const rows = a1Rows(ctx, q.from, q.to, q.offset, q.limit);
  audit(ctx, actor, 'register.a1.read', { from: q.from, to: q.to, offset: q.offset, rows: rows.length });
  return { from: q.from, to: q.to, total, offset: q.offset, rows };
}

export async function exportA1(
  ctx: CoreContext,
  actor: Actor,
  q: { from: string; to: string },
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  checkRange(q.from, q.to);
  const { bytes, rows } = await a1Workbook(ctx, q.from, q.to);
  audit(ctx, actor, 'register.a1.export', { from: q.from, to: q.to, rows });
  return { fileName: `so-kham-benh-A1-${q.from}-${q.to}.xlsx`, bytes, rows };
}

export async function readMonthly(ctx: CoreContext, actor: Actor, month: string): Promise<MonthlySummary> {
  const s = await monthlySummary(ctx, month);
  audit(ctx, actor, 'register.monthly.read', { month });
  return s;
}

export async function exportMonthly(
  ctx: CoreContext,
  actor: Actor,
  month: string,
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const s = await monthlySummary(ctx, month);
  const bytes = await monthlyWorkbook(s, getStation(ctx).name);
  audit(ctx, actor, 'register.monthly.export', { month });
  return { fileName: `bao-cao-thang-${month}.xlsx`, bytes, rows: s.visits.total.total };
}
