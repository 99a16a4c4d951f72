/**
 * The import's work on one file: read it, detect its columns, plan every row against the registry,
 * page through the dry run's lists, build the error report and hand the commit the rows to write.
 * It keeps the file as read and the last plan, so a 100,000-row workbook is parsed once. The same
 * code runs in the import worker (worker.ts, the app) and, for a database a worker cannot open
 * (':memory:'), on the calling thread (backend.ts).
 */
import type {
  ImportCounts,
  ImportDetection,
  ImportOptions,
  ImportRowView,
  ImportVerdict,
  ImportView,
} from '#contract/ops/import.ts';
import type { Actor } from '../../audit/audit.ts';
import { appendAudit } from '../../audit/audit.ts';
import { vnDay } from '../../clock.ts';
import type { CodeLists } from '../../codes/code-lists.ts';
import type { Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import {
  applyTemplate,
  buildErrorReport,
  DEFAULT_LIMITS,
  detectMapping,
  readTable,
  reportHeadings,
  toPersonRowsAsync,
  type ColumnMapping,
  type MappingDetection,
  type ReadError,
  type Sheet,
  type TableFormat,
  type TableRead,
} from '../list-reader/index.ts';
import type { Steps } from '../list-reader/turns.ts';
import { commitSteps, type Written } from './commit.ts';
import { withCommitCache } from './commit-cache.ts';
import { planSteps, type PlannedRow } from './plan.ts';
import { saveTemplate } from './templates.ts';
import { countVerdicts, rowView, viewRows } from './views.ts';

/** Progress of one call: rows (or bytes) done of the total, and what is being done, in Vietnamese. */
export type Progress = (done: number, total: number, message: string) => void;

/** Where the plan reads the registry and the commit writes it, and how long loops are run. */
export interface Lookups {
  readonly store: Store;
  /** Runs `fn` on one consistent view of the database (a read transaction where that is possible). */
  snapshot<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Changes whenever another connection commits (SQLite's data_version). Null where that cannot be
   * told (the calling thread's own connection): every plan is then made afresh.
   */
  version(): number | null;
  /** Runs a long loop: at once in the worker, in slices across event-loop turns on the main thread. */
  run<T>(steps: Steps<T>): Promise<T>;
}

export interface OpenedFile {
  format: TableFormat;
  sheets: { name: string; rows: number; hidden: boolean }[];
  sheetName: string;
  /** Vietnamese notes on how the file was read. */
  warnings: string[];
  detection: ImportDetection;
}

export type OpenResult = { ok: true; file: OpenedFile } | { ok: false; error: ReadError };

export interface PlanRequest {
  mapping: ColumnMapping;
  options: Required<ImportOptions>;
  /** The moment the plan is for (ISO): today's date for birth dates, validity of cards. */
  now: string;
  /**
   * The commit's plan: the last one is kept when it was made with the same mapping, options and day
   * and nothing has been committed to the database since (then it is exactly what planning again would give).
   */
  reuse: boolean;
}

export interface PlanSummary {
  counts: ImportCounts;
  skipped: { empty: number; repeatedHeaders: number; footerLines: number };
  /** How many rows the commit would write (new and update). */
  writes: number;
  /** Whether the last plan was kept instead of planning again. */
  reused: boolean;
}

export interface RowsPage {
  total: number;
  rows: ImportRowView[];
}

/**
 * The file: its bytes, or the base64 text it came in as (decoded and checked where it is read, so
 * a 50 MB upload costs the main thread no decoding).
 */
export type FileBytes = Uint8Array | { base64: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decoded(file: FileBytes): Uint8Array {
  if (file instanceof Uint8Array) return file;
  if (!BASE64.test(file.base64))
    throw new AppError('INVALID_INPUT', { message: 'Tệp gửi lên bị hỏng; hãy chọn lại tệp.' });
  return Buffer.from(file.base64, 'base64');
}

export interface CommitRequest {
  mapping: ColumnMapping;
  options: Required<ImportOptions>;
  /** The station's clock when the commit was asked for (ISO); it runs on from there. */
  now: string;
  actor: Actor;
  importId: string;
  fileName: string;
  saveTemplateAs: string | null;
}

export interface CommitResult {
  counts: ImportCounts;
  written: Written;
  /** Whether the dry run's plan was written as it was (nothing committed since). */
  reused: boolean;
  /** Who the list names, as the registry now holds them (created, updated or already as listed). */
  personIds: string[];
}

/** Every call the import makes on its file, each taking one plain (cloneable) input. */
export interface EngineCalls {
  open(input: { fileName: string; file: FileBytes }, progress: Progress): Promise<OpenResult>;
  detect(input: { sheetName: string; template: ColumnMapping | null }): ImportDetection;
  plan(input: PlanRequest, progress: Progress): Promise<PlanSummary>;
  rows(input: { view: ImportView; offset: number; limit: number }): RowsPage;
  errorReport(input: Record<string, never>): Promise<{ bytes: Uint8Array; rows: number }>;
  /**
   * Plans (or keeps the dry run's plan) and writes it in one transaction, where the plan is: the
   * rows never travel. Progress: planning the first half, writing the second.
   */
  commit(input: CommitRequest, progress: Progress): Promise<CommitResult>;
}
export type EngineOp = keyof EngineCalls;
export type EngineInput<K extends EngineOp> = Parameters<EngineCalls[K]>[0];
export type EngineOutput<K extends EngineOp> = Awaited<ReturnType<EngineCalls[K]>>;

/** One call by name, as a message names it. */
export async function callEngine<K extends EngineOp>(
  engine: EngineCalls,
  op: K,
  input: EngineInput<K>,
  progress: Progress,
): Promise<EngineOutput<K>> {
  const method = engine[op] as (input: EngineInput<K>, progress: Progress) => Promise<EngineOutput<K>>;
  return await method.call(engine, input, progress);
}

/** What a call on a closed import says: the file is gone, choose it again. */
export function closedError(): AppError {
  return new AppError('NOT_FOUND', {
    message: 'Tệp nhập đã đóng (đã lâu hoặc đã mở tệp khác). Hãy chọn lại tệp.',
    logMessage: 'import: the file was closed',
  });
}

const WRITTEN_OR_SAME = new Set<ImportVerdict>(['new', 'update', 'unchanged']);

interface LastPlan {
  key: string;
  version: number | null;
  sheet: Sheet;
  mapping: ColumnMapping;
  planned: PlannedRow[];
  toWrite: PlannedRow[];
  skipped: PlanSummary['skipped'];
  views: Map<ImportView, PlannedRow[]>;
}

const withConfidence = (d: MappingDetection): ImportDetection => {
  const confidence = new Map(d.matches.map((m) => [m.column, m.confidence]));
  return {
    mapping: d.mapping,
    columns: d.columns.map((c) => ({ ...c, confidence: confidence.get(c.column) ?? null })),
    problems: d.problems,
  };
};

const VERDICT_LABEL: Record<PlannedRow['verdict'], string> = {
  error: 'Lỗi, bỏ qua',
  duplicate: 'Trùng, bỏ qua',
  new: 'Mới',
  update: 'Cập nhật',
  unchanged: 'Không đổi',
};

export class ImportEngine implements EngineCalls {
  readonly #codes: CodeLists;
  readonly #lookups: () => Lookups;
  #table: TableRead | null = null;
  #last: LastPlan | null = null;

  /** `lookups` is called when a plan first needs the database (the worker opens it then). */
  constructor(codes: CodeLists, lookups: () => Lookups) {
    this.#codes = codes;
    this.#lookups = lookups;
  }

  async open(input: { fileName: string; file: FileBytes }, progress: Progress): Promise<OpenResult> {
    const table = await readTable(input.fileName, decoded(input.file), {
      ...DEFAULT_LIMITS,
      onProgress: (f) => progress(Math.round(f * 100), 100, 'Đang đọc tệp…'),
    });
    if (!table.ok) return table;
    this.#table = table;
    this.#last = null;
    const sheet = table.sheets[table.defaultSheet];
    return {
      ok: true,
      file: {
        format: table.format,
        sheets: table.sheets.map((s) => ({ name: s.name, rows: s.rows.length, hidden: s.hidden })),
        sheetName: sheet.name,
        warnings: table.warnings.map((w) => w.message),
        detection: withConfidence(detectMapping(sheet)),
      },
    };
  }

  detect(input: { sheetName: string; template: ColumnMapping | null }): ImportDetection {
    const sheet = this.#sheet(input.sheetName);
    return withConfidence(input.template ? applyTemplate(sheet, input.template) : detectMapping(sheet));
  }

  async plan(input: PlanRequest, progress: Progress): Promise<PlanSummary> {
    const { mapping, options } = input;
    const sheet = this.#sheet(mapping.sheetName);
    const now = new Date(input.now);
    const key = JSON.stringify([mapping, options, vnDay(now)]);
    const lookups = this.#lookups();
    return lookups.snapshot(async () => {
      const version = lookups.version();
      const last = this.#last;
      if (input.reuse && last && last.key === key && version !== null && last.version === version)
        return summary(last, true);
      const total = sheet.rows.length;
      const read = await toPersonRowsAsync(sheet, mapping, {
        today: now,
        ethnicities: this.#codes.ethnicities(),
        janFirstIsYearOnly: options.janFirstIsYearOnly,
        onProgress: (f) => progress(Math.round(f * total * 0.4), total, 'Đang đọc các dòng…'),
      });
      const planned = await lookups.run(
        planSteps(
          { store: lookups.store, codes: this.#codes, clock: () => now },
          read.rows,
          options,
          (done) =>
            progress(
              Math.round(total * 0.4 + (done / Math.max(1, read.rows.length)) * total * 0.6),
              total,
              'Đang đối chiếu với sổ dân cư…',
            ),
        ),
      );
      this.#last = {
        key,
        version,
        sheet,
        mapping,
        planned,
        toWrite: planned.filter((p) => p.fields && (p.verdict === 'new' || p.verdict === 'update')),
        skipped: {
          empty: read.skipped.empty,
          repeatedHeaders: read.skipped.repeatedHeaders,
          footerLines: read.skipped.footerLines.length,
        },
        views: new Map(),
      };
      return summary(this.#last, false);
    });
  }

  rows(input: { view: ImportView; offset: number; limit: number }): RowsPage {
    const rows = this.#list(input.view);
    return { total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit).map(rowView) };
  }

  /**
   * The attention list as an XLSX to correct and import again: rows not imported (errors,
   * duplicates) and rows that go in with a value not stored or something to check, each with its
   * verdict and the same lines the dry run shows.
   */
  async errorReport(): Promise<{ bytes: Uint8Array; rows: number }> {
    const last = this.#lastPlan();
    const { sheet, mapping } = last;
    const listed = this.#list('attention');
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
    return { bytes, rows: listed.length };
  }

  async commit(input: CommitRequest, progress: Progress): Promise<CommitResult> {
    const { mapping, options, actor, importId } = input;
    const total = this.#sheet(mapping.sheetName).rows.length;
    const lookups = this.#lookups();
    const { store } = lookups;
    // The station's clock, running on from the moment the commit was asked for.
    const startedAt = Date.parse(input.now);
    const since = performance.now();
    const clock = (): Date => new Date(startedAt + (performance.now() - since));
    const result = await withCommitCache(store, () =>
      store.txAcrossYields(async () => {
        const plan = await this.plan({ mapping, options, now: input.now, reuse: true }, (d, t) =>
          progress(Math.round(d / 2), t, 'Đang đối chiếu với sổ dân cư…'),
        );
        const rows = this.#lastPlan().toWrite;
        const written = await lookups.run(
          commitSteps({ store, clock }, actor, importId, rows, (done) =>
            progress(
              Math.round(total / 2 + (done / Math.max(1, rows.length)) * (total / 2)),
              total,
              'Đang ghi vào sổ dân cư…',
            ),
          ),
        );
        if (input.saveTemplateAs) saveTemplate({ store, clock }, input.saveTemplateAs, mapping);
        appendAudit(
          store,
          actor,
          {
            action: 'import.commit',
            details: { importId, file: input.fileName, ...plan.counts, ...written },
          },
          clock().toISOString(),
        );
        // The residents the list named, so a campaign can take them as its roster (in list order).
        const personIds = this.#lastPlan()
          .planned.filter((p) => p.personId !== null && WRITTEN_OR_SAME.has(p.verdict))
          .map((p) => p.personId as string);
        return { counts: plan.counts, written, reused: plan.reused, personIds };
      }),
    );
    // What was planned is in the registry now: a second commit must plan again, not write it twice
    // (this connection's own commit does not change what it reads as data_version).
    this.#lastPlan().version = null;
    return result;
  }

  #sheet(name: string): Sheet {
    if (!this.#table) throw new AppError('CONFLICT', { message: 'Chưa đọc tệp nào. Hãy chọn lại tệp.' });
    const sheet = this.#table.sheets.find((s) => s.name === name);
    if (!sheet) throw new AppError('INVALID_INPUT', { message: `Tệp không có trang tính «${name}».` });
    return sheet;
  }

  #lastPlan(): LastPlan {
    if (!this.#last) throw new AppError('CONFLICT', { message: 'Hãy chạy kiểm tra trước để xem các dòng.' });
    return this.#last;
  }

  /** The rows of one list, computed once per plan (the attention list is sorted). */
  #list(view: ImportView): PlannedRow[] {
    const last = this.#lastPlan();
    let rows = last.views.get(view);
    if (!rows) {
      rows = viewRows(last.planned, view);
      last.views.set(view, rows);
    }
    return rows;
  }
}

function summary(last: LastPlan, reused: boolean): PlanSummary {
  return { counts: countVerdicts(last.planned), skipped: last.skipped, writes: last.toWrite.length, reused };
}
