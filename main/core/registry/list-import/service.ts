/**
 * The import, end to end: open a file, detect its columns (or apply a saved template), dry run,
 * commit in one transaction through the job gate with progress events, and the error report.
 * The handlers and `hssk import` both use this.
 */
import type { z } from 'zod';
import type { ImportDetection, ImportOptions, ImportView, importOps } from '#contract/ops/import.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { progressReporter } from '../../jobs.ts';
import type { Actor } from '../../audit/audit.ts';
import { appendAudit } from '../../audit/audit.ts';
import {
  applyTemplate,
  buildErrorReport,
  checkMapping,
  DEFAULT_LIMITS,
  detectMapping,
  FIELD_LABELS,
  IMPORT_FIELDS,
  readTable,
  reportHeadings,
  REQUIRED_FIELDS,
  toPersonRowsAsync,
  type ColumnMapping,
  type MappingDetection,
  type Sheet,
} from '../list-reader/index.ts';
import { runInTurns } from '../list-reader/turns.ts';
import { commitSteps } from './commit.ts';
import { planSteps, type Planned } from './plan.ts';
import { getSession, sheetOf, startSession, type ImportSession, type LastRun } from './session.ts';
import { listTemplates, saveTemplate, templateMapping } from './templates.ts';
import { countVerdicts, rowView, viewRows } from './views.ts';

type Out<N extends keyof typeof importOps> = z.input<(typeof importOps)[N]['output']>;
type Opts = Required<ImportOptions>;

const withConfidence = (d: MappingDetection): ImportDetection => {
  const confidence = new Map(d.matches.map((m) => [m.column, m.confidence]));
  return {
    mapping: d.mapping,
    columns: d.columns.map((c) => ({ ...c, confidence: confidence.get(c.column) ?? null })),
    problems: d.problems,
  };
};

export async function openImport(
  ctx: CoreContext,
  actor: Actor,
  fileName: string,
  bytes: Uint8Array,
  onProgress?: (fraction: number) => void,
): Promise<Out<'imports.open'>> {
  const table = await readTable(fileName, bytes, { ...DEFAULT_LIMITS, onProgress });
  if (!table.ok) {
    ctx.log.info('import file refused', { code: table.error.code, detail: table.error.detail });
    throw new AppError('INVALID_INPUT', {
      message: table.error.message,
      logMessage: `import: ${table.error.detail}`,
    });
  }
  const session = startSession(ctx, actor.userId, fileName, table);
  const sheet = table.sheets[table.defaultSheet];
  ctx.log.info('import file opened', {
    format: table.format,
    sheets: table.sheets.length,
    rows: sheet.rows.length,
  });
  return {
    importId: session.id,
    fileName,
    format: table.format,
    sheets: table.sheets.map((s) => ({ name: s.name, rows: s.rows.length, hidden: s.hidden })),
    sheetName: sheet.name,
    warnings: table.warnings.map((w) => w.message),
    detection: withConfidence(detectMapping(sheet)),
    templates: listTemplates(ctx),
    fields: IMPORT_FIELDS.map((id) => ({
      id,
      label: FIELD_LABELS[id],
      required: REQUIRED_FIELDS.includes(id),
    })),
  };
}

export function detectColumns(
  ctx: CoreContext,
  importId: string,
  sheetName: string,
  templateId: string | null,
): ImportDetection {
  const sheet = sheetOf(getSession(ctx, importId), sheetName);
  return withConfidence(
    templateId ? applyTemplate(sheet, templateMapping(ctx, templateId)) : detectMapping(sheet),
  );
}

function checked(mapping: ColumnMapping): void {
  const problems = checkMapping(mapping);
  // Only a missing name, sex or birth column stops the import; the rest is advice.
  const blocking = problems.filter(
    (p) => /Họ và tên|giới tính|năm sinh|ngày sinh/i.test(p) && /Không|Thiếu|Chưa/i.test(p),
  );
  if (blocking.length) throw new AppError('INVALID_INPUT', { message: blocking.join(' ') });
}

async function planImport(
  ctx: CoreContext,
  session: ImportSession,
  mapping: ColumnMapping,
  options: Opts,
  progress: (done: number, total: number, message: string) => void,
): Promise<{
  sheet: Sheet;
  planned: Planned[];
  skipped: { empty: number; repeatedHeaders: number; footerLines: number };
}> {
  checked(mapping);
  const sheet = sheetOf(session, mapping.sheetName);
  const total = sheet.rows.length;
  const read = await toPersonRowsAsync(sheet, mapping, {
    today: ctx.clock(),
    ethnicities: ctx.codes.ethnicities(),
    janFirstIsYearOnly: options.janFirstIsYearOnly,
    onProgress: (f) => progress(Math.round(f * total * 0.4), total, 'Đang đọc các dòng…'),
  });
  const planned = await runInTurns(
    planSteps(ctx, read.rows, options, (done) =>
      progress(
        Math.round(total * 0.4 + (done / Math.max(1, read.rows.length)) * total * 0.6),
        total,
        'Đang đối chiếu với sổ dân cư…',
      ),
    ),
  );
  return {
    sheet,
    planned,
    skipped: {
      empty: read.skipped.empty,
      repeatedHeaders: read.skipped.repeatedHeaders,
      footerLines: read.skipped.footerLines.length,
    },
  };
}

export async function dryRun(
  ctx: CoreContext,
  importId: string,
  mapping: ColumnMapping,
  options: Opts,
): Promise<Out<'imports.dryRun'>> {
  const session = getSession(ctx, importId);
  const progress = progressReporter(ctx.events, importId, 'import.dry-run');
  const { sheet, planned, skipped } = await planImport(ctx, session, mapping, options, progress);
  session.last = { sheet, planned, mapping, views: new Map() };
  progress(sheet.rows.length, sheet.rows.length, 'Đã kiểm tra xong.', true);
  return { counts: countVerdicts(planned), skipped, problems: checkMapping(mapping) };
}

function lastRun(ctx: CoreContext, importId: string): LastRun {
  const { last } = getSession(ctx, importId);
  if (!last) throw new AppError('CONFLICT', { message: 'Hãy chạy kiểm tra trước để xem các dòng.' });
  return last;
}

/** The rows of one list, computed once per run (the attention list is sorted). */
function listOf(last: LastRun, view: ImportView): Planned[] {
  let rows = last.views.get(view);
  if (!rows) {
    rows = viewRows(last.planned, view);
    last.views.set(view, rows);
  }
  return rows;
}

/** One page of a list of the last dry run or commit; `total` is that list's count. */
export function importRows(
  ctx: CoreContext,
  importId: string,
  view: ImportView,
  offset: number,
  limit: number,
): Out<'imports.rows'> {
  const rows = listOf(lastRun(ctx, importId), view);
  return { view, total: rows.length, offset, rows: rows.slice(offset, offset + limit).map(rowView) };
}

export async function commitImport(
  ctx: CoreContext,
  actor: Actor,
  importId: string,
  mapping: ColumnMapping,
  options: Opts,
  saveTemplateAs: string | null,
): Promise<Out<'imports.commit'>> {
  const session = getSession(ctx, importId);
  const started = performance.now();
  const progress = progressReporter(ctx.events, importId, 'import.commit');
  // One job at a time holds the database; other calls wait until it is done (see jobs.ts).
  const result = await ctx.jobs.run('import', () =>
    ctx.store.txAcrossYields(async () => {
      const { sheet, planned } = await planImport(ctx, session, mapping, options, (d, t) =>
        progress(Math.round(d / 2), t, 'Đang đối chiếu với sổ dân cư…'),
      );
      const written = await runInTurns(
        commitSteps(ctx, actor, importId, planned, (done) =>
          progress(
            Math.round(
              sheet.rows.length / 2 + (done / Math.max(1, planned.length)) * (sheet.rows.length / 2),
            ),
            sheet.rows.length,
            'Đang ghi vào sổ dân cư…',
          ),
        ),
      );
      const counts = countVerdicts(planned);
      if (saveTemplateAs) saveTemplate(ctx, saveTemplateAs, mapping);
      appendAudit(
        ctx.store,
        actor,
        { action: 'import.commit', details: { importId, file: session.fileName, ...counts, ...written } },
        ctx.clock().toISOString(),
      );
      session.last = { sheet, planned, mapping, views: new Map() };
      return { counts, written, total: sheet.rows.length };
    }),
  );
  progress(result.total, result.total, 'Đã nhập xong.', true);
  // The status bar's upload queue grew.
  ctx.events.emit('system.changed', { reason: 'import' });
  const durationMs = Math.round(performance.now() - started);
  ctx.log.info('import committed', { importId, ...result.counts, ...result.written, durationMs });
  return {
    counts: result.counts,
    created: result.written.created,
    updated: result.written.updated,
    householdsCreated: result.written.householdsCreated,
    durationMs,
  };
}

const VERDICT_LABEL: Record<Planned['verdict'], string> = {
  error: 'Lỗi, bỏ qua',
  duplicate: 'Trùng, bỏ qua',
  new: 'Mới',
  update: 'Cập nhật',
  unchanged: 'Không đổi',
};

/**
 * The attention list as an XLSX to correct and import again: rows not imported (errors,
 * duplicates) and rows that go in with a value not stored or something to check, each with its
 * verdict and the same lines the dry run shows.
 */
export async function errorReport(
  ctx: CoreContext,
  importId: string,
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const last = lastRun(ctx, importId);
  const { sheet, mapping } = last;
  const listed = listOf(last, 'attention');
  const bytes = await buildErrorReport({
    headings: reportHeadings(
      sheet,
      mapping,
      listed.map((p) => p.row.line),
    ),
    sheetName: sheet.name,
    rows: listed.map((p) => ({
      line: p.row.line,
      cells: sheet.rows[p.row.line - 1] ?? [],
      typed: sheet.typed[p.row.line - 1],
      verdict: VERDICT_LABEL[p.verdict],
      notes: p.notes,
    })),
  });
  const base = getSession(ctx, importId).fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base} - dong loi va luu y.xlsx`, bytes, rows: listed.length };
}
