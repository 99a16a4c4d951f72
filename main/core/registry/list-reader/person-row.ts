import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from './fields.ts';
import { formulaWarning, looksLikeFormula } from './formula-text.ts';
import { parseName } from './names.ts';
import type { Parsed } from './parsed.ts';
import { readIdentity } from './person-identity.ts';
import { parsePhoneCell } from './phone.ts';
import { rowReader, type RowContext, type RowReader } from './row-reader.ts';
import { emptyDraft, type ImportRow, type PersonDraft } from './row-types.ts';
import type { TypedCell } from './table-types.ts';
import { cleanText, parseEmail, parseHeadCell } from './text-values.ts';

export { rowContext, type RowContext } from './row-reader.ts';

/**
 * Reads one row into a person draft and its problems. `cells` are the row's strings. Every value
 * read but not stored is named in a `dropped` problem (see row-types.ts), so the dry run and the
 * error report can say what the import will leave out.
 */
export function readPersonRow(
  ctx: RowContext,
  line: number,
  cells: string[],
  typed: Record<number, TypedCell> | undefined,
): ImportRow {
  const r = rowReader(ctx, cells, typed);
  // Formula text (=HYPERLINK(…), +SUM, @…, -2+3) is kept as text, never run, but someone should look.
  for (const field of IMPORT_FIELDS) {
    const raw = r.cell(field);
    if (raw && looksLikeFormula(raw)) r.problem(field, 'warning', formulaWarning(FIELD_LABELS[field], raw));
  }
  const person: PersonDraft = emptyDraft();
  readIdentity(r, person);

  /** Takes a parsed value, naming it as not stored when it is wrong. */
  const take = <T>(field: ImportField, p: Parsed<T> | null, what?: string): T | null => {
    if (!p) return null;
    if (!p.ok) {
      r.drop(field, p.error, what);
      return null;
    }
    if (p.warning) r.problem(field, 'warning', p.warning);
    return p.value;
  };

  const phone = parsePhoneCell(r.cell('phone'), r.typedOf('phone'));
  if (phone) {
    person.phoneMobile = phone.mobile;
    person.phoneLandline = phone.landline;
    for (const w of phone.warnings) r.problem('phone', 'warning', w);
    for (const n of phone.notStored) r.drop('phone', n.message, n.what);
  }
  person.email = take('email', parseEmail(r.cell('email')), 'email này') ?? '';

  person.permanentAddress = text(r, 'permanentAddress', 300);
  person.currentAddress = text(r, 'currentAddress', 300);
  person.village = text(r, 'village', 100);
  person.householdCode = text(r, 'householdCode', 30);
  const relation = ctx.relation(r.cell('relationToHead'));
  if (relation) {
    person.relationToHead = fitted(r, 'relationToHead', relation.relation, 50);
    person.isHouseholdHead = relation.isHead;
  }
  const head = parseHeadCell(r.cell('householdHead'));
  if (head && 'isHead' in head) person.isHouseholdHead = true;
  else if (head) {
    const name = take('householdHead', parseName(head.headName, 'Họ tên chủ hộ'), 'tên này');
    if (name) {
      person.householdHeadName = name;
      if (
        person.fullName &&
        name.toLocaleLowerCase('vi') === person.fullName.toLocaleLowerCase('vi') &&
        !relation
      )
        person.isHouseholdHead = true;
    }
  }

  person.ethnicityCode = take('ethnicity', ctx.ethnicity(r.cell('ethnicity'))) ?? '';
  person.nationality = take('nationality', ctx.nationality(r.cell('nationality'))) ?? '';
  person.religion = text(r, 'religion', 50);
  person.occupation = text(r, 'occupation', 100);
  for (const field of ['motherName', 'fatherName', 'caregiverName'] as const) {
    person[field] = take(field, parseName(r.cell(field), FIELD_LABELS[field]), 'tên này') ?? '';
  }
  return { line, person, problems: r.problems, fatal: r.problems.some((p) => p.severity === 'fatal') };
}

/** Free text up to the field's length in the registry; what does not fit is named. */
function text(r: RowReader, field: ImportField, max: number): string {
  const raw = r.cell(field);
  return raw ? fitted(r, field, cleanText(raw, Infinity), max) : '';
}

function fitted(r: RowReader, field: ImportField, s: string, max: number): string {
  if (s.length <= max) return s;
  const rest = s.slice(max);
  r.drop(
    field,
    `${FIELD_LABELS[field]} dài ${s.length} ký tự, quá ${max}: chỉ lưu ${max} ký tự đầu; phần «${rest.length > 40 ? `${rest.slice(0, 40)}…` : rest}»`,
    'phần này',
  );
  return s.slice(0, max);
}
