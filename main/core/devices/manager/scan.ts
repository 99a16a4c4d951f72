/**
 * A scan, from whichever scanner (HID POS, serial, keyboard wedge), becomes one answer: which card
 * it is, what it says, and whose it is. The UI then opens that resident, or registration prefilled
 * from the card.
 */
import type { ScanResult } from '#contract/ops/devices.ts';
import type { ParsedCard as CardFields } from '#contract/ops/persons.ts';
import type { CoreContext } from '../../context.ts';
import { cardDifferences } from '../../registry/card-update.ts';
import { cardHolder } from '../../registry/cards.ts';
import { parseCard } from '../cards/detect.ts';
import type { ParsedCard } from '../cards/types.ts';

const CODE_PAGE_WARNING =
  'Máy quét không gửi dữ liệu dạng UTF-8 nên tên có dấu có thể sai: đặt máy quét về chế độ UTF-8 (xem sách hướng dẫn).';

/** The parser's card in the shape the registration form takes (the contract's card fields). */
export function toCardFields(card: ParsedCard): CardFields {
  return {
    kind: card.source,
    fullName: card.fullName ?? '',
    sex: card.sex,
    birthDate: card.birthDate,
    cccd: card.cccd,
    cmnd: card.cmnd,
    address: card.address,
    issuedOn: card.issueDate,
    bhyt: card.bhyt
      ? {
          number: card.bhyt.number,
          facility: card.bhyt.facility,
          validFrom: card.bhyt.validFrom,
          validTo: card.bhyt.validTo,
        }
      : null,
  };
}

export function readScan(
  ctx: Pick<CoreContext, 'store' | 'clock'>,
  text: string,
  options: { utf8Valid?: boolean } = {},
): ScanResult {
  const { kind, result } = parseCard(text, { now: ctx.clock() });
  const warnings = [...result.errors, ...result.warnings];
  if (options.utf8Valid === false) warnings.unshift(CODE_PAGE_WARNING);
  if (kind === 'unknown' || !result.card)
    return { kind, card: null, personId: null, warnings, differences: [] };
  const card = toCardFields(result.card);
  const personId = cardHolder(ctx, card);
  return {
    kind,
    card,
    personId,
    warnings,
    differences: personId ? cardDifferences(ctx, personId, card) : [],
  };
}
