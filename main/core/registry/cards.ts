import type {
  AddressMatch,
  IdentifierInput,
  ParsedCard,
  PersonDraft,
  PersonSummary,
} from '#contract/ops/persons.ts';
import { isRealCalendarDate } from '#contract/schemas/common.ts';
import { matchAddress } from '../codes/address.ts';
import type { CoreContext } from '../context.ts';
import { decodeBhyt, validateCccd } from './identity.ts';
import { summariesByIds } from './summaries.ts';

const validDate = (s: string | null): string | null =>
  s && (/^\d{4}$/.test(s) || isRealCalendarDate(s)) ? s : null;

/** The resident who holds one of the card's numbers (CCCD, CMND, BHYT, or the BHXH number inside a BHYT code). */
export function cardHolder(
  ctx: Pick<CoreContext, 'store'>,
  card: Pick<ParsedCard, 'cccd' | 'cmnd' | 'bhyt'>,
): string | null {
  const numbers: { kind: string; value: string }[] = [];
  if (card.cccd) numbers.push({ kind: 'cccd', value: card.cccd });
  if (card.cmnd) numbers.push({ kind: 'cmnd', value: card.cmnd });
  if (card.bhyt) {
    numbers.push({ kind: 'bhyt', value: card.bhyt.number.toUpperCase() });
    const bhxh = decodeBhyt(card.bhyt.number);
    if (bhxh) numbers.push({ kind: 'bhxh', value: bhxh.bhxhNumber });
  }
  for (const n of numbers) {
    const h = ctx.store
      .prepare('SELECT person_id FROM person_identifiers WHERE kind = ? AND value = ?')
      .get(n.kind, n.value) as { person_id: string } | undefined;
    if (h) return h.person_id;
  }
  return null;
}

/**
 * A scanned card either finds the resident who holds its numbers (the record opens) or becomes a
 * registration draft: name, sex, birth date, numbers, and the address read into the 2025 units.
 */
export function personFromCard(
  ctx: CoreContext,
  card: ParsedCard,
): { existing: PersonSummary | null; draft: PersonDraft; address: AddressMatch | null; warnings: string[] } {
  const holder = cardHolder(ctx, card);
  const existing = holder ? (summariesByIds(ctx, [holder])[0] ?? null) : null;

  const warnings: string[] = [];
  const birthDate = validDate(card.birthDate);
  if (card.birthDate && !birthDate)
    warnings.push(`Ngày sinh trên thẻ (${card.birthDate}) không hợp lệ; hãy nhập lại.`);
  if (card.cccd) {
    const check = validateCccd(card.cccd, {
      sex: card.sex ?? undefined,
      birthYear: birthDate ? Number(birthDate.slice(0, 4)) : undefined,
    });
    warnings.push(...check.errors, ...check.warnings);
  }
  const identifiers: IdentifierInput[] = [];
  if (card.cccd) identifiers.push({ kind: 'cccd', value: card.cccd, issuedOn: validDate(card.issuedOn) });
  if (card.cmnd) identifiers.push({ kind: 'cmnd', value: card.cmnd });
  if (card.bhyt) {
    identifiers.push({
      kind: 'bhyt',
      value: card.bhyt.number,
      validFrom: validDate(card.bhyt.validFrom),
      validTo: validDate(card.bhyt.validTo),
    });
  }
  const address = card.address ? matchAddress(ctx.codes, card.address) : null;
  const place = {
    text: card.address ?? '',
    provinceCode: address?.provinceCode ?? '',
    communeCode: address?.communeCode ?? '',
    village: address?.village ?? '',
    street: '',
  };
  return {
    existing,
    draft: {
      fullName: card.fullName.normalize('NFC').trim(),
      sex: card.sex ?? '',
      birthDate: birthDate ?? '',
      identifiers,
      permanentAddress: place,
      currentAddress: place,
    },
    address,
    warnings,
  };
}
