import type { Sex } from '#contract/schemas/common.ts';
import { decodeCccd } from '../identity.ts';
import { displayDate, parseDate, yearOf } from './dates.ts';
import { FIELD_LABELS, type ImportField } from './fields.ts';
import { checkCccdAgainstPerson, parseBhyt, parseIdNumber, type IdNumber } from './id-numbers.ts';
import { parseName } from './names.ts';
import type { Parsed } from './parsed.ts';
import type { RowReader } from './row-reader.ts';
import type { PersonDraft } from './row-types.ts';
import { isMark } from './sex.ts';
import { cleanText } from './text-values.ts';

/**
 * Who a row is about: name, sex, birth date and identity numbers. These decide whether anything
 * of the row is stored. The rule, chosen for the station clerk:
 *
 * - A birth date after today (Vietnam) or more than 125 years ago is impossible: the row is fatal,
 *   and no other cell (a "Năm sinh" column, the CCCD's year digits) stands in for it.
 * - An identity number (CCCD, CMND, BHYT card, BHXH code) that cannot be read, or that contradicts
 *   the row's sex or birth year, makes the row fatal rather than stored without the number. Either
 *   the number or the sex/birth year is wrong, and we cannot tell which: storing the row would put
 *   a possibly wrong sex or age into a health record. And a resident stored without the number
 *   could not get it from the corrected list later, because a re-import finds "the same name, sex
 *   and birth date with no shared number" and skips the row as a probable duplicate. So the clerk
 *   fixes the row (it is in the error report) and imports it again.
 * - Two cells that disagree about the sex or the birth date, or two different numbers of one kind,
 *   are fatal for the same reason.
 * - A cell that is merely unreadable while another cell gives the value (a sex of «0» with a CCCD,
 *   31/02/2002 with a CCCD born in 2002) is a named drop: the other value is used and both are said.
 */
export function readIdentity(r: RowReader, person: PersonDraft): void {
  const cols = r.ctx.mapping.columns;

  // Name: one column, or "Họ (và tên đệm)" + "Tên".
  const nameField: ImportField = cols.fullName !== undefined ? 'fullName' : 'familyName';
  const rawName =
    cols.fullName !== undefined
      ? r.cell('fullName')
      : `${r.cell('familyName')} ${r.cell('givenName')}`.trim();
  const name = parseName(rawName);
  if (name && !name.ok) r.problem(nameField, 'fatal', name.error);
  else if (name?.warning) r.problem(nameField, 'warning', name.warning);
  person.fullName = name?.ok ? name.value : null;

  // Sex and birth date may each come from several cells (the "Nam" | "Nữ" layout puts both in
  // one). A value that cannot be read is fatal only when no other cell supplies it.
  const sexFailures: Failure[] = [];
  const birthFailures: Failure[] = [];
  let sex: Sex | null = null;
  const sexCell = r.ctx.sex(r.cell('sex'));
  if (sexCell && !sexCell.ok) sexFailures.push({ field: 'sex', message: sexCell.error });
  else if (sexCell) sex = sexCell.value;

  const births: { field: ImportField; value: string }[] = [];
  let impossibleBirth = false;
  const readBirth = (field: ImportField, input: Parameters<typeof parseDate>[0]): void => {
    const p = parseDate(input, r.dateOptions);
    if (!p) return;
    if (!p.ok) {
      if (p.impossible) {
        impossibleBirth = true;
        r.problem(field, 'fatal', p.error);
      } else birthFailures.push({ field, message: p.error });
      return;
    }
    if (p.warning) r.problem(field, 'warning', p.warning);
    births.push({ field, value: p.value });
  };
  readBirth('birthDate', r.typedOf('birthDate') ?? r.cell('birthDate'));
  readBirth('birthYear', r.typedOf('birthYear') ?? r.cell('birthYear'));

  const male = r.cell('maleColumn');
  const female = r.cell('femaleColumn');
  const bothColumns = !!male && !!female;
  if (bothColumns) {
    r.problem(
      'maleColumn',
      'fatal',
      `Có giá trị ở cả cột Nam («${male}») và cột Nữ («${female}»): chỉ ghi vào một cột.`,
    );
  } else if (male || female) {
    const field: ImportField = male ? 'maleColumn' : 'femaleColumn';
    const columnSex: Sex = male ? 'M' : 'F';
    if (sex && sex !== columnSex)
      r.problem(
        'sex',
        'fatal',
        `Giới tính ghi «${r.cell('sex')}» nhưng năm sinh nằm ở cột ${male ? 'Nam' : 'Nữ'}: không biết giới tính nào đúng.`,
      );
    sex ??= columnSex;
    const value = male || female;
    if (!isMark(value)) readBirth(field, r.typedOf(field) ?? value);
  }
  let birth = agreedBirth(r, births);

  // Identity numbers: a 9-digit number is a CMND and a 12-digit one a CCCD, whatever the column.
  const ids: (IdNumber & { field: ImportField })[] = [];
  for (const f of ['cccd', 'cmnd'] as const) {
    const id = identityValue(r, f, parseIdNumber(r.cell(f), r.typedOf(f)));
    if (id) ids.push({ ...id, field: f });
  }
  const cccd = onlyOne(r, ids, 'cccd');
  person.cmnd = onlyOne(r, ids, 'cmnd')?.value ?? null;
  if (cccd) {
    const decoded = decodeCccd(cccd.value);
    const thisYear = Number(r.ctx.today.slice(0, 4));
    if (decoded && decoded.birthYear > thisYear) {
      r.problem(
        cccd.field,
        'fatal',
        `Số CCCD ${cccd.value}: các chữ số năm sinh ứng với năm ${decoded.birthYear}, ở sau năm nay.`,
      );
    } else if (decoded) {
      if (!sex) {
        sex = decoded.sex;
        r.problem(
          sexFailures[0]?.field ?? 'sex',
          'warning',
          `Giới tính lấy theo số CCCD (${sex === 'M' ? 'Nam' : 'Nữ'}).`,
        );
      }
      if (!birth && !impossibleBirth) {
        const year = parseDate(String(decoded.birthYear), r.dateOptions);
        if (year?.ok) {
          birth = year.value;
          r.problem(birthFailures[0]?.field ?? 'birthDate', 'warning', `Năm sinh ${birth} lấy theo số CCCD.`);
        } else if (year) r.problem(cccd.field, 'fatal', `Số CCCD ${cccd.value}: ${year.error}`);
      }
      const contradictions = checkCccdAgainstPerson(cccd.value, {
        sex: sex ?? undefined,
        birthYear: birth ? yearOf(birth) : undefined,
      });
      for (const c of contradictions) r.problem(cccd.field, 'fatal', c);
      if (contradictions.length === 0) person.cccd = cccd.value;
    }
  }

  for (const f of sexFailures) {
    if (sex) r.drop(f.field, f.message);
    else r.problem(f.field, 'fatal', f.message);
  }
  for (const f of birthFailures) {
    if (birth) r.drop(f.field, f.message, 'ngày này');
    else r.problem(f.field, 'fatal', f.message);
  }
  person.sex = sex;
  person.birthDate = birth;
  if (!name) r.problem(nameField, 'fatal', 'Thiếu họ tên.');
  if (!sex && sexFailures.length === 0 && !bothColumns)
    r.problem(cols.sex !== undefined ? 'sex' : 'row', 'fatal', 'Thiếu giới tính.');
  if (!birth && birthFailures.length === 0 && !bothColumns && !impossibleBirth) {
    r.problem(
      cols.birthDate !== undefined ? 'birthDate' : cols.birthYear !== undefined ? 'birthYear' : 'row',
      'fatal',
      'Thiếu ngày sinh hoặc năm sinh.',
    );
  }

  readIssue(r, person, birth);

  // BHYT: the card number and/or the BHXH code (the last 10 characters of a 15-character card).
  const bhytOptions = { birthYear: birth ? yearOf(birth) : undefined, today: r.ctx.today };
  const card = identityValue(
    r,
    'bhyt',
    parseBhyt(r.cell('bhyt'), { ...bhytOptions, typed: r.typedOf('bhyt'), label: FIELD_LABELS.bhyt }),
  );
  const bhxh = identityValue(
    r,
    'bhxhCode',
    parseBhyt(r.cell('bhxhCode'), {
      ...bhytOptions,
      typed: r.typedOf('bhxhCode'),
      label: FIELD_LABELS.bhxhCode,
    }),
  );
  if (card && bhxh && card !== bhxh && card.slice(-10) !== bhxh.slice(-10)) {
    r.problem(
      'bhxhCode',
      'fatal',
      `Mã số BHXH ${bhxh} không khớp với số thẻ BHYT ${card} (mã BHXH là 10 ký tự cuối của thẻ): không biết số nào đúng.`,
    );
  }
  person.bhyt = card ?? bhxh;
}

interface Failure {
  field: ImportField;
  message: string;
}

/** An identity number's cell: unreadable is fatal (see above), a warning is kept. */
function identityValue<T>(r: RowReader, field: ImportField, p: Parsed<T> | null): T | null {
  if (!p) return null;
  if (!p.ok) {
    r.problem(field, 'fatal', p.error);
    return null;
  }
  if (p.warning) r.problem(field, 'warning', p.warning);
  return p.value;
}

/** The one number of a kind; two different ones (a CCCD in each column) are fatal. */
function onlyOne(
  r: RowReader,
  ids: readonly (IdNumber & { field: ImportField })[],
  kind: IdNumber['kind'],
): (IdNumber & { field: ImportField }) | null {
  const of = ids.filter((i) => i.kind === kind);
  const other = of.find((i) => i.value !== of[0].value);
  if (other) {
    r.problem(
      other.field,
      'fatal',
      `Hai số ${kind === 'cccd' ? 'CCCD' : 'CMND'} khác nhau trên một dòng: ${of[0].value} và ${other.value}; không biết số nào đúng.`,
    );
  }
  return of[0] ?? null;
}

/**
 * The birth date the row's cells agree on: the most precise one. Cells that disagree (a "Năm sinh"
 * of 1963 beside a "Ngày sinh" of 05/03/1962) are fatal: we cannot tell which is right.
 */
function agreedBirth(r: RowReader, births: readonly { field: ImportField; value: string }[]): string | null {
  const [first, ...others] = births;
  if (!first) return null;
  let best = first.value;
  for (const o of others) {
    const disagree =
      o.value.length === 10 && first.value.length === 10
        ? o.value !== first.value
        : yearOf(o.value) !== yearOf(first.value);
    if (disagree) {
      r.problem(
        o.field,
        'fatal',
        `${FIELD_LABELS[o.field]} ${displayDate(o.value)} khác với ${FIELD_LABELS[first.field].toLowerCase()} ${displayDate(first.value)}: không biết giá trị nào đúng.`,
      );
    } else if (o.value.length > best.length) best = o.value;
  }
  return best;
}

/** The CCCD/CMND's issue date and place: kept with the number, named when they cannot be. */
function readIssue(r: RowReader, person: PersonDraft, birth: string | null): void {
  const hasNumber = !!(person.cccd || person.cmnd);
  const numberFailed = r.problems.some(
    (p) => p.severity === 'fatal' && (p.field === 'cccd' || p.field === 'cmnd'),
  );
  const issued = parseDate(r.typedOf('idIssuedOn') ?? r.cell('idIssuedOn'), {
    ...r.dateOptions,
    allowYearOnly: false,
    label: 'ngày cấp',
  });
  if (issued && !issued.ok) r.drop('idIssuedOn', issued.error, 'ngày này');
  else if (issued) {
    if (issued.warning) r.problem('idIssuedOn', 'warning', issued.warning);
    const shown = displayDate(issued.value);
    if (!hasNumber && !numberFailed)
      r.drop('idIssuedOn', `Ngày cấp ${shown}: dòng không có số CCCD/CMND để ghi kèm`, 'ngày này');
    else if (birth && issued.value.slice(0, birth.length) < birth)
      r.drop('idIssuedOn', `Ngày cấp CCCD/CMND ${shown} ở trước ngày sinh ${displayDate(birth)}`, 'ngày này');
    else person.idIssuedOn = issued.value;
  }
  const by = cleanText(r.cell('idIssuedBy'), Infinity);
  if (!by) return;
  if (!hasNumber && !numberFailed) {
    r.drop(
      'idIssuedBy',
      `Nơi cấp «${by.slice(0, 60)}»: dòng không có số CCCD/CMND để ghi kèm`,
      'nơi cấp này',
    );
    return;
  }
  if (by.length > 200)
    r.drop(
      'idIssuedBy',
      `Nơi cấp CCCD/CMND dài ${by.length} ký tự, quá 200: chỉ lưu 200 ký tự đầu; phần «${by.slice(200, 240)}…»`,
      'phần này',
    );
  person.idIssuedBy = by.slice(0, 200);
}
