/**
 * A known resident's card says something the record does not (a name typed without its diacritics
 * at registration, a birth date known only by its year, a sex entered wrong): the scan says so,
 * and the user may bring the record in line with the card — field by field, by choice, audited.
 */
import { isoToVn } from '#contract/dates.ts';
import type { CardDifference, CardField, ParsedCard, PersonRecord } from '#contract/ops/persons.ts';
import { cleanText, isRealCalendarDate } from '#contract/schemas/common.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../audit/audit.ts';
import { rowToFields, type IdentifierRow } from './person-row.ts';
import { findPersonRow, updatePerson } from './persons.ts';

const SEX = { M: 'Nam', F: 'Nữ' } as const;
/** Names compared as read: same letters and marks, any case, any spacing. */
const sameName = (a: string, b: string) =>
  cleanText(a).toLocaleLowerCase('vi-VN') === cleanText(b).toLocaleLowerCase('vi-VN');
const cardDate = (s: string | null): string | null =>
  s && (/^\d{4}$/.test(s) || isRealCalendarDate(s)) ? s : null;

/** What the card says differently from the record (name, birth date, sex); empty when they agree. */
export function cardDifferences(
  ctx: Pick<CoreContext, 'store'>,
  personId: string,
  card: ParsedCard,
): CardDifference[] {
  const row = findPersonRow(ctx as CoreContext, personId);
  if (!row) return [];
  const out: CardDifference[] = [];
  if (card.fullName.trim() && !sameName(card.fullName, row.full_name)) {
    out.push({
      field: 'fullName',
      label: 'Họ và tên',
      card: cleanText(card.fullName),
      record: row.full_name,
    });
  }
  const born = cardDate(card.birthDate);
  // A card with only the year says no more than the record; nor does a card's 01/01, which is what
  // cards print for a birth known only by its year.
  const saysNoMore =
    born !== null &&
    row.birth_date.startsWith(born.slice(0, 4)) &&
    (born.length === 4 || (row.birth_date.length === 4 && born.endsWith('-01-01')));
  if (born && born !== row.birth_date && !saysNoMore) {
    out.push({
      field: 'birthDate',
      label: 'Ngày sinh',
      card: isoToVn(born),
      record: isoToVn(row.birth_date),
    });
  }
  if (card.sex && card.sex !== row.sex)
    out.push({ field: 'sex', label: 'Giới tính', card: SEX[card.sex], record: SEX[row.sex] });
  return out;
}

/** Takes the chosen fields from the card into the record (a normal, versioned and audited update). */
export function applyCard(
  ctx: CoreContext,
  actor: Actor,
  id: string,
  version: number,
  card: ParsedCard,
  fields: readonly CardField[],
): PersonRecord {
  const row = findPersonRow(ctx, id);
  if (!row) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này trong danh sách dân cư.' });
  const differing = new Set(cardDifferences(ctx, id, card).map((d) => d.field));
  const missing = fields.filter((f) => !differing.has(f));
  if (missing.length)
    throw new AppError('CONFLICT', {
      message: 'Thẻ và hồ sơ đã giống nhau ở trường này; tải lại hồ sơ rồi thử lại.',
    });
  const ids = ctx.store
    .prepare(
      'SELECT kind, value, issued_on, issued_by, valid_from, valid_to FROM person_identifiers WHERE person_id = ? ORDER BY kind',
    )
    .all(id) as IdentifierRow[];
  const p = rowToFields(row, ids);
  if (fields.includes('fullName')) p.fullName = cleanText(card.fullName);
  if (fields.includes('birthDate')) p.birthDate = cardDate(card.birthDate) ?? p.birthDate;
  if (fields.includes('sex') && card.sex) p.sex = card.sex;
  // The card is the person's own document: a similar-looking neighbour is no reason to refuse it.
  return updatePerson(ctx, actor, id, version, p, true);
}
