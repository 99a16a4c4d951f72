/**
 * The audit viewer's export: the entries the filters select, newest first, as an XLSX workbook
 * with Vietnamese column titles and each entry in words (who, what, which resident, particulars —
 * the same words as the screen, view.ts). Written by exceljs's streaming writer in batches of 1,000
 * entries with a yield between them, so a year of a busy station does not freeze the window; the
 * export itself goes on the trail.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { AUDIT_EXPORT_MAX_ROWS, type AuditFilters } from '#contract/ops/audit.ts';
import type { Permission } from '#contract/permissions.ts';
import { isoNow, vnDay } from '../clock.ts';
import { streamedSheet } from '../xlsx-stream.ts';
import type { CoreContext } from '../context.ts';
import type { AuditRow } from '../db/schema.ts';
import { appendAudit, type Actor } from './audit.ts';
import { auditWhere } from './filters.ts';
import { describeAudit } from './view.ts';

const COLUMNS = [
  { header: 'STT', key: 'stt', width: 7 },
  { header: 'Thời điểm', key: 'at', width: 18 },
  { header: 'Người thực hiện', key: 'who', width: 26 },
  { header: 'Vai trò', key: 'role', width: 22 },
  { header: 'Thao tác', key: 'what', width: 30 },
  { header: 'Đối tượng', key: 'target', width: 32 },
  { header: 'Chi tiết', key: 'detail', width: 48 },
  { header: 'Mã thao tác', key: 'code', width: 22 },
  { header: 'Số thứ tự trong nhật ký', key: 'seq', width: 12 },
] as const;

/**
 * Text a spreadsheet could take for a formula gets a leading apostrophe. (The registry's own
 * neutraliser cannot be imported here: audit sits below registry in the module order.)
 */
const safe = (s: string): string => (/^[=+\-@\t\r]/.test(s) && s.length > 1 ? `'${s}` : s);

/** dd/mm/yyyy hh:mm in Vietnam time. */
function vnDateTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export interface AuditExport {
  fileName: string;
  bytes: Buffer;
  rows: number;
  truncated: boolean;
}

export async function exportAudit(
  ctx: CoreContext,
  actor: Actor,
  can: ReadonlySet<Permission>,
  filters: AuditFilters,
  maxRows = AUDIT_EXPORT_MAX_ROWS,
): Promise<AuditExport> {
  const { where, params } = auditWhere(filters);
  const seqs = ctx.store
    .prepare(`SELECT seq FROM audit_log ${where} ORDER BY seq DESC LIMIT ?`)
    .pluck()
    .all(...params, maxRows + 1) as number[];
  const truncated = seqs.length > maxRows;
  if (truncated) seqs.length = maxRows;

  const { sheet, finish } = streamedSheet('Nhật ký truy cập', COLUMNS, { boldHeader: true });

  let n = 0;
  for (let i = 0; i < seqs.length; i += 1000) {
    const batch = seqs.slice(i, i + 1000);
    const rows = ctx.store
      .prepare(`SELECT * FROM audit_log WHERE seq IN (${batch.map(() => '?').join(',')}) ORDER BY seq DESC`)
      .all(...batch) as AuditRow[];
    const views = describeAudit(ctx, can, rows);
    rows.forEach((r, k) => {
      const v = views[k];
      n += 1;
      sheet
        .addRow({
          stt: n,
          at: vnDateTime(r.at),
          who: safe(v.who?.name ?? 'Hệ thống'),
          role: safe(v.who?.role ?? ''),
          what: safe(v.what),
          target: safe(v.target?.label ?? ''),
          detail: safe(v.detail),
          code: r.action,
          seq: r.seq,
        })
        .commit();
    });
    await yieldToEventLoop();
  }
  const bytes = await finish();
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      actor,
      // An export of one resident's entries is on that resident's own trail too.
      {
        action: 'audit.export',
        entity: filters.entityId ? 'person' : null,
        entityId: filters.entityId ?? null,
        details: { rows: n, truncated, filters },
      },
      isoNow(ctx.clock),
    ),
  );
  return {
    fileName: `nhat-ky-truy-cap-${vnDay(ctx.clock())}.xlsx`,
    bytes,
    rows: n,
    truncated,
  };
}
