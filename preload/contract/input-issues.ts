/**
 * Turns a refused input into messages a nurse can act on: each names the field in Vietnamese and,
 * for numbers, the allowed range in the field's unit ("Cân nặng lúc đẻ phải từ 300 đến 7.000 g,
 * đã nhập 0,3"); for text, the limit and what was typed ("Bệnh sử: tối đa 4.000 ký tự, đang có
 * 10.000"). Used by the core's dispatch (the check that counts) and by the UI (to say it before a
 * round trip), so both speak the same words. zod's own wording ("Quá nhỏ: mong đợi number >=0.3")
 * never reaches the screen: the parse runs with an error map that marks "no message of the schema's
 * own", and those issues are described here from their code and the schema's bounds.
 */
import type { z } from 'zod';
import { vnNumber } from './clinical/vitals.ts';
import { fieldText } from './field-labels.ts';

export interface FieldIssue {
  /** Dotted input path ("visit.vitals.weightKg", "doses.0.givenOn"). */
  path: string;
  /** Vietnamese, naming the field. */
  message: string;
}

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Marks an issue whose schema gave no message of its own (so this module writes one). */
const NO_MESSAGE = '\u0000';
const noMessage = (): string => NO_MESSAGE;

export type ParsedInput<T> = { success: true; data: T } | { success: false; issues: FieldIssue[] };

/** Parses an input and, when it is refused, describes every issue in Vietnamese. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): ParsedInput<z.output<S>> {
  const r = schema.safeParse(input, { error: noMessage, reportInput: true });
  if (r.success) return { success: true, data: r.data };
  return {
    success: false,
    issues: r.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: describeIssue(schema, i),
    })),
  };
}

/* ───────────── Walking a schema to the field an issue is about ───────────── */

interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  checks?: {
    _zod: {
      def: {
        check: string;
        value?: number | bigint;
        maximum?: number;
        minimum?: number;
        inclusive?: boolean;
        format?: string;
      };
    };
  }[];
}
const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** The schema at a path, wrappers removed (a pipe is kept: both of its ends carry limits). */
function schemaAt(root: AnySchema, path: readonly PropertyKey[]): AnySchema | null {
  let s: AnySchema | undefined = root;
  for (let i = 0; ; i++) {
    if (!s) return null;
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) {
      s = def.innerType;
      i--;
      continue;
    }
    if (i === path.length) return s;
    const key = path[i];
    if (def.type === 'pipe') {
      s = def.in;
      i--;
    } else if (def.type === 'object') s = def.shape?.[String(key)];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else if (def.type === 'union') {
      const rest = path.slice(i);
      return def.options?.map((o) => schemaAt(o, rest)).find((x) => x !== null) ?? null;
    } else return null;
  }
}

interface Bounds {
  min?: number;
  max?: number;
  int?: boolean;
}

/** The tightest limits along a field's schema (a text field checks its raw and its cleaned length). */
function boundsOf(s: AnySchema | null, into: Bounds = {}): Bounds {
  if (!s) return into;
  const def = defOf(s);
  if (WRAPPERS.has(def.type)) return boundsOf(def.innerType ?? null, into);
  if (def.type === 'pipe') return boundsOf(def.out ?? null, boundsOf(def.in ?? null, into));
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    const v = typeof d.value === 'number' ? d.value : undefined;
    if (
      (d.check === 'less_than' && v !== undefined) ||
      (d.check === 'max_length' && d.maximum !== undefined)
    ) {
      const max = v ?? (d.maximum as number);
      into.max = into.max === undefined ? max : Math.min(into.max, max);
    } else if (
      (d.check === 'greater_than' && v !== undefined) ||
      (d.check === 'min_length' && d.minimum !== undefined)
    ) {
      const min = v ?? (d.minimum as number);
      into.min = into.min === undefined ? min : Math.max(into.min, min);
    } else if (
      d.check === 'number_format' &&
      (d.format === 'safeint' || d.format === 'int32' || d.format === 'uint32')
    )
      into.int = true;
  }
  return into;
}

/* ───────────── Messages ───────────── */

const count = (n: number): string => n.toLocaleString('vi-VN');
const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);

function labelOf(path: readonly PropertyKey[]): { label: string; unit: string } {
  const t = fieldText(path.filter((p): p is string | number => typeof p !== 'symbol'));
  return { label: t?.label ?? 'Một ô nhập', unit: t?.unit ? ` ${t.unit}` : '' };
}

function lengthOf(input: unknown): number | null {
  return typeof input === 'string' || Array.isArray(input) ? input.length : null;
}

/** One issue, in Vietnamese, naming its field. */
export function describeIssue(root: z.ZodType, issue: Issue): string {
  const { label, unit } = labelOf(issue.path);
  const own = issue.message && issue.message !== NO_MESSAGE ? issue.message : null;
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const b = boundsOf(schemaAt(root, issue.path));
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        const typed = typeof input === 'number' ? `, đã nhập ${vnNumber(input)}` : '';
        if (b.min !== undefined && b.max !== undefined)
          return `${label} phải từ ${vnNumber(b.min)} đến ${vnNumber(b.max)}${unit}${typed}.`;
        return issue.code === 'too_small'
          ? `${label} phải từ ${vnNumber(Number(issue.minimum))}${unit} trở lên${typed}.`
          : `${label} tối đa ${vnNumber(Number(issue.maximum))}${unit}${typed}.`;
      }
      const length = lengthOf(input);
      if (issue.origin === 'array' || issue.origin === 'set') {
        const noun = unit ? unit.trim() : 'mục';
        return issue.code === 'too_big'
          ? `${label}: tối đa ${count(b.max ?? Number(issue.maximum))} ${noun}.`
          : `${label}: cần ít nhất ${count(Number(issue.minimum))} ${noun}.`;
      }
      if (issue.code === 'too_small')
        return Number(issue.minimum) <= 1
          ? `${label}: chưa nhập.`
          : `${label}: cần ít nhất ${count(Number(issue.minimum))} ký tự.`;
      return `${label}: tối đa ${count(b.max ?? Number(issue.maximum))} ký tự${length !== null ? `, đang có ${count(length)}` : ''}.`;
    }
    case 'invalid_type':
      if (input === undefined || input === null) return `${label}: chưa nhập.`;
      if (issue.expected === 'int' && typeof input === 'number' && Number.isFinite(input)) {
        // 0,3 for a weight in grams: the range says more than "a whole number" does.
        const b = boundsOf(schemaAt(root, issue.path));
        const outside = (b.min !== undefined && input < b.min) || (b.max !== undefined && input > b.max);
        return outside && b.min !== undefined && b.max !== undefined
          ? `${label} phải từ ${vnNumber(b.min)} đến ${vnNumber(b.max)}${unit}, đã nhập ${vnNumber(input)}.`
          : `${label} phải là số nguyên.`;
      }
      if (issue.expected === 'number' || issue.expected === 'int') return `${label} phải là một số.`;
      return `${label}: giá trị không hợp lệ.`;
    case 'not_multiple_of':
      return `${label} phải là số nguyên.`;
    case 'invalid_format':
      if (own) return withLabel(label, own);
      if (issue.format === 'date') return `${label}: ngày không hợp lệ (ngày/tháng/năm).`;
      if (issue.format === 'datetime') return `${label}: thời điểm không hợp lệ.`;
      if (issue.format === 'email') return `${label}: địa chỉ e-mail không hợp lệ.`;
      if (issue.format === 'uuid' || issue.format === 'guid') return `${label}: mã không hợp lệ.`;
      return `${label}: không đúng định dạng.`;
    case 'invalid_value':
      return own ? withLabel(label, own) : `${label}: giá trị không nằm trong danh sách được chọn.`;
    case 'invalid_union': {
      const inner = issue.errors.flat().find((i) => i.message && i.message !== NO_MESSAGE);
      return inner ? withLabel(label, inner.message) : `${label}: giá trị không hợp lệ.`;
    }
    case 'unrecognized_keys':
      return `Có ô không thuộc biểu mẫu: ${issue.keys.join(', ')}.`;
    default:
      return own ? withLabel(label, own) : `${label}: giá trị không hợp lệ.`;
  }
}

/** A schema's own message, after the field's name (unless it already starts with it). */
function withLabel(label: string, message: string): string {
  const m = message.trim().replace(/\.?$/, '.');
  return m.toLocaleLowerCase('vi-VN').startsWith(label.toLocaleLowerCase('vi-VN'))
    ? m
    : `${label}: ${lowerFirst(m)}`;
}
