import type { Sex } from '#contract/schemas/common.ts';
import type { DateOptions } from './dates.ts';
import { createEthnicityMatcher, type EthnicityItem, type EthnicityMatcher } from './ethnicity.ts';
import type { ImportField } from './fields.ts';
import type { ColumnMapping } from './mapping-types.ts';
import type { Parsed } from './parsed.ts';
import type { ProblemSeverity, RowProblem } from './row-types.ts';
import { parseSex } from './sex.ts';
import type { TypedCell } from './table-types.ts';
import { parseNationality, parseRelation, type Relation } from './text-values.ts';

/** What every row of one import shares: the mapping, today's date, the code lists. */
export interface RowContext {
  mapping: ColumnMapping;
  today: string;
  ethnicity: EthnicityMatcher;
  janFirstIsYearOnly: boolean;
  sex: (raw: string) => Parsed<Sex> | null;
  relation: (raw: string) => Relation | null;
  nationality: (raw: string) => Parsed<string> | null;
}

/**
 * Remembers the results for columns that repeat a handful of values over the whole list (sex,
 * relation, nationality): a 100,000-row import parses each distinct value once. Results are shared,
 * never mutated.
 */
function memo<T>(parse: (raw: string) => T): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    if (cache.has(raw)) return cache.get(raw) as T;
    const r = parse(raw);
    if (cache.size < 500) cache.set(raw, r);
    return r;
  };
}

export function rowContext(
  mapping: ColumnMapping,
  today: string,
  ethnicities: readonly EthnicityItem[],
  janFirstIsYearOnly = false,
): RowContext {
  return {
    mapping,
    today,
    ethnicity: createEthnicityMatcher(ethnicities),
    janFirstIsYearOnly,
    sex: memo(parseSex),
    relation: memo(parseRelation),
    nationality: memo(parseNationality),
  };
}

/** One row's cells and the place its problems are filed. */
export interface RowReader {
  ctx: RowContext;
  /** The cell's text for a field, '' when the field has no column. */
  cell(field: ImportField): string;
  /** The typed Excel value (number, date) behind the cell, when there is one. */
  typedOf(field: ImportField): TypedCell | undefined;
  problem(field: ImportField | 'row', severity: ProblemSeverity, message: string): void;
  /**
   * A value the import does not store: files `message` (which names the field and the value) as
   * `dropped`, with the words that say so.
   */
  drop(field: ImportField, message: string, what?: string): void;
  dateOptions: DateOptions;
  problems: RowProblem[];
}

/** "Email «abc» không hợp lệ." → "Email «abc» không hợp lệ — không lưu email này." */
export function notStored(message: string, what = 'giá trị này'): string {
  return `${message.replace(/[.\s]+$/, '')} — không lưu ${what}.`;
}

export function rowReader(
  ctx: RowContext,
  cells: string[],
  typed: Record<number, TypedCell> | undefined,
): RowReader {
  const cols = ctx.mapping.columns;
  const problems: RowProblem[] = [];
  const problem = (field: ImportField | 'row', severity: ProblemSeverity, message: string): void => {
    problems.push({ field, column: field === 'row' ? null : (cols[field] ?? null), severity, message });
  };
  return {
    ctx,
    problems,
    cell: (f) => {
      const c = cols[f];
      return c === undefined ? '' : (cells[c] ?? '');
    },
    typedOf: (f) => {
      const c = cols[f];
      return c === undefined ? undefined : typed?.[c];
    },
    problem,
    drop: (field, message, what) => problem(field, 'dropped', notStored(message, what)),
    dateOptions: {
      today: ctx.today,
      order: ctx.mapping.dateOrder,
      janFirstIsYearOnly: ctx.janFirstIsYearOnly,
    },
  };
}
