import type { Sex } from '../../../../preload/contract/schemas/common.ts';
import { decodeCccd } from '../identity.ts';
import { parseDate, yearOf } from './dates.ts';
import { createEthnicityMatcher, type EthnicityItem, type EthnicityMatcher } from './ethnicity.ts';
import { FIELD_LABELS, type ImportField } from './fields.ts';
import { checkCccdAgainstPerson, parseBhyt, parseIdNumber, type IdNumber } from './id-numbers.ts';
import type { ColumnMapping } from './mapping-types.ts';
import { parseName } from './names.ts';
import type { Parsed } from './parsed.ts';
import { parsePhone } from './phone.ts';
import {
  emptyDraft,
  type ImportRow,
  type PersonDraft,
  type ProblemSeverity,
  type RowProblem,
} from './row-types.ts';
import { isMark, parseSex } from './sex.ts';
import type { TypedCell } from './table-types.ts';
import {
  cleanText,
  parseEmail,
  parseHeadCell,
  parseNationality,
  parseRelation,
  type Relation,
} from './text-values.ts';

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

/** Reads one row into a person draft and its problems. `cells` are the row's strings. */
export function readPersonRow(
  ctx: RowContext,
  line: number,
  cells: string[],
  typed: Record<number, TypedCell> | undefined,
): ImportRow {
  const cols = ctx.mapping.columns;
  const person: PersonDraft = emptyDraft();
  const problems: RowProblem[] = [];
  const cell = (f: ImportField): string => {
    const c = cols[f];
    return c === undefined ? '' : (cells[c] ?? '');
  };
  const typedOf = (f: ImportField): TypedCell | undefined => {
    const c = cols[f];
    return c === undefined ? undefined : typed?.[c];
  };
  const problem = (field: ImportField | 'row', severity: ProblemSeverity, message: string): void => {
    problems.push({ field, column: field === 'row' ? null : (cols[field] ?? null), severity, message });
  };
  /** Takes a parsed value, filing its error (at `severity`) or warning against the field. */
  const take = <T>(
    field: ImportField,
    r: Parsed<T> | null,
    severity: ProblemSeverity = 'error',
  ): T | null => {
    if (!r) return null;
    if (!r.ok) {
      problem(field, severity, r.error);
      return null;
    }
    if (r.warning) problem(field, 'warning', r.warning);
    return r.value;
  };
  const dateOptions = {
    today: ctx.today,
    order: ctx.mapping.dateOrder,
    janFirstIsYearOnly: ctx.janFirstIsYearOnly,
  };

  // Name: one column, or "Họ (và tên đệm)" + "Tên".
  const nameField: ImportField = cols.fullName !== undefined ? 'fullName' : 'familyName';
  const rawName =
    cols.fullName !== undefined ? cell('fullName') : `${cell('familyName')} ${cell('givenName')}`.trim();
  person.fullName = take(nameField, parseName(rawName), 'fatal');

  // Sex and birth date may each come from several cells (the "Nam" | "Nữ" layout puts both in
  // one). A value that cannot be read is fatal only when no other cell supplies it.
  const sexFailures: { field: ImportField; message: string }[] = [];
  const birthFailures: { field: ImportField; message: string }[] = [];
  const attempt = <T>(
    field: ImportField,
    r: Parsed<T> | null,
    failures: { field: ImportField; message: string }[],
  ): T | null => {
    if (!r) return null;
    if (!r.ok) {
      failures.push({ field, message: r.error });
      return null;
    }
    if (r.warning) problem(field, 'warning', r.warning);
    return r.value;
  };
  let sex = attempt('sex', ctx.sex(cell('sex')), sexFailures);
  let birth = attempt(
    'birthDate',
    parseDate(typedOf('birthDate') ?? cell('birthDate'), dateOptions),
    birthFailures,
  );
  const yearCell = attempt(
    'birthYear',
    parseDate(typedOf('birthYear') ?? cell('birthYear'), dateOptions),
    birthFailures,
  );
  if (!birth) birth = yearCell;
  else if (yearCell && yearOf(birth) !== yearOf(yearCell)) {
    problem(
      'birthYear',
      'error',
      `Năm sinh ${yearOf(yearCell)} khác với năm trong ngày sinh (${yearOf(birth)}); dùng ngày sinh.`,
    );
  }
  const male = cell('maleColumn');
  const female = cell('femaleColumn');
  const bothColumns = !!male && !!female;
  if (bothColumns) {
    sexFailures.push({
      field: 'maleColumn',
      message: 'Có giá trị ở cả cột Nam và cột Nữ: chỉ ghi vào một cột.',
    });
  } else if (male || female) {
    const field: ImportField = male ? 'maleColumn' : 'femaleColumn';
    const columnSex: Sex = male ? 'M' : 'F';
    if (sex && sex !== columnSex)
      problem(
        'sex',
        'error',
        `Giới tính ghi «${cell('sex')}» nhưng năm sinh nằm ở cột ${male ? 'Nam' : 'Nữ'}.`,
      );
    sex ??= columnSex;
    const value = male || female;
    if (!isMark(value))
      birth ??= attempt(field, parseDate(typedOf(field) ?? value, dateOptions), birthFailures);
  }

  // Identity numbers: a 9-digit number is a CMND and a 12-digit one a CCCD, whatever the column.
  const ids: (IdNumber & { field: ImportField })[] = [];
  for (const f of ['cccd', 'cmnd'] as const) {
    const id = take(f, parseIdNumber(cell(f), typedOf(f)));
    if (id) ids.push({ ...id, field: f });
  }
  const cccd = ids.find((i) => i.kind === 'cccd');
  const cmnds = ids.filter((i) => i.kind === 'cmnd');
  person.cmnd = cmnds[0]?.value ?? null;
  if (cmnds.length > 1 && cmnds[0].value !== cmnds[1].value)
    problem(cmnds[1].field, 'warning', `Có hai số CMND khác nhau; dùng ${cmnds[0].value}.`);
  if (cccd) {
    const decoded = decodeCccd(cccd.value);
    if (decoded && !sex) {
      sex = decoded.sex;
      problem(
        sexFailures[0]?.field ?? 'sex',
        'warning',
        `Giới tính lấy theo số CCCD (${sex === 'M' ? 'Nam' : 'Nữ'}).`,
      );
    }
    if (decoded && !birth) {
      birth = String(decoded.birthYear);
      problem(birthFailures[0]?.field ?? 'birthDate', 'warning', `Năm sinh ${birth} lấy theo số CCCD.`);
    }
    const contradictions = checkCccdAgainstPerson(cccd.value, {
      sex: sex ?? undefined,
      birthYear: birth ? yearOf(birth) : undefined,
    });
    if (contradictions.length > 0) problem(cccd.field, 'error', contradictions.join(' '));
    else person.cccd = cccd.value;
  }
  for (const f of sexFailures) problem(f.field, sex ? 'error' : 'fatal', f.message);
  for (const f of birthFailures) problem(f.field, birth ? 'error' : 'fatal', f.message);
  person.sex = sex;
  person.birthDate = birth;
  if (!person.fullName && !hasFatal(problems, nameField)) problem(nameField, 'fatal', 'Thiếu họ tên.');
  if (!sex && sexFailures.length === 0)
    problem(cols.sex !== undefined ? 'sex' : 'row', 'fatal', 'Thiếu giới tính.');
  if (!birth && birthFailures.length === 0 && !bothColumns) {
    problem(
      cols.birthDate !== undefined ? 'birthDate' : cols.birthYear !== undefined ? 'birthYear' : 'row',
      'fatal',
      'Thiếu ngày sinh hoặc năm sinh.',
    );
  }

  const issued = take(
    'idIssuedOn',
    parseDate(typedOf('idIssuedOn') ?? cell('idIssuedOn'), {
      ...dateOptions,
      allowYearOnly: false,
      label: 'ngày cấp',
    }),
  );
  if (issued && birth && issued.slice(0, birth.length) < birth)
    problem('idIssuedOn', 'error', 'Ngày cấp CCCD/CMND trước ngày sinh.');
  else person.idIssuedOn = issued;
  person.idIssuedBy = cleanText(cell('idIssuedBy'), 200);

  // BHYT: the card number and/or the BHXH code (the last 10 characters of a 15-character card).
  const birthYear = birth ? yearOf(birth) : undefined;
  const card = take('bhyt', parseBhyt(cell('bhyt'), { typed: typedOf('bhyt'), birthYear, today: ctx.today }));
  const bhxh = take(
    'bhxhCode',
    parseBhyt(cell('bhxhCode'), { typed: typedOf('bhxhCode'), birthYear, today: ctx.today }),
  );
  if (card && bhxh && card !== bhxh && card.slice(-10) !== bhxh.slice(-10)) {
    problem('bhxhCode', 'warning', `Mã số BHXH ${bhxh} không khớp với số thẻ BHYT ${card}.`);
  }
  person.bhyt = card ?? bhxh;

  const phone = take('phone', parsePhone(cell('phone'), typedOf('phone')));
  if (phone?.kind === 'mobile') person.phoneMobile = phone.number;
  if (phone?.kind === 'landline') person.phoneLandline = phone.number;
  person.email = take('email', parseEmail(cell('email'))) ?? '';

  person.permanentAddress = cleanText(cell('permanentAddress'));
  person.currentAddress = cleanText(cell('currentAddress'));
  person.village = cleanText(cell('village'), 100);
  person.householdCode = cleanText(cell('householdCode'), 30);
  const relation = ctx.relation(cell('relationToHead'));
  if (relation) {
    person.relationToHead = relation.relation;
    person.isHouseholdHead = relation.isHead;
  }
  const head = parseHeadCell(cell('householdHead'));
  if (head && 'isHead' in head) person.isHouseholdHead = true;
  else if (head) {
    const name = take('householdHead', parseName(head.headName, 'Họ tên chủ hộ'));
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

  person.ethnicityCode = take('ethnicity', ctx.ethnicity(cell('ethnicity'))) ?? '';
  person.nationality = take('nationality', ctx.nationality(cell('nationality'))) ?? '';
  person.religion = cleanText(cell('religion'), 50);
  person.occupation = cleanText(cell('occupation'), 100);
  for (const field of ['motherName', 'fatherName', 'caregiverName'] as const) {
    person[field] = take(field, parseName(cell(field), FIELD_LABELS[field])) ?? '';
  }
  return { line, person, problems, fatal: problems.some((p) => p.severity === 'fatal') };
}

function hasFatal(problems: RowProblem[], field: ImportField): boolean {
  return problems.some((p) => p.field === field && p.severity === 'fatal');
}
