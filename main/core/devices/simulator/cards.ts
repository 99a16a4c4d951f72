/**
 * Card QR payloads built from a resident's data, for the simulator (demos, training, end-to-end
 * tests): the same layouts the real cards carry (identifiers-and-code-lists.md §1.2, §3.2).
 */
const dmy = (iso: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
const hex = (s: string): string => Buffer.from(s.normalize('NFC'), 'utf8').toString('hex');

export interface SimCard {
  fullName: string;
  /** yyyy-mm-dd */
  birthDate: string;
  sex: 'M' | 'F';
  address?: string;
}

/** CCCD: `số CCCD|số CMND|họ tên|ddmmyyyy|giới tính|địa chỉ|ngày cấp ddmmyyyy`. */
export function cccdQrText(card: SimCard & { cccd: string; cmnd?: string; issuedOn?: string }): string {
  return [
    card.cccd,
    card.cmnd ?? '',
    card.fullName.normalize('NFC'),
    dmy(card.birthDate).replaceAll('/', ''),
    card.sex === 'F' ? 'Nữ' : 'Nam',
    card.address ?? '',
    dmy(card.issuedOn ?? '2021-08-14').replaceAll('/', ''),
  ].join('|');
}

/** BHYT (2021 layout): number|name hex|dd/mm/yyyy|sex 1/2|address hex|facility|from|to|issued|BHXH code|-|4|five years|check|4|place|$ */
export function bhytQrText(
  card: SimCard & { number: string; facility?: string; validFrom?: string; validTo?: string },
): string {
  const facility = card.facility ?? '01043';
  return [
    card.number,
    hex(card.fullName),
    dmy(card.birthDate),
    card.sex === 'F' ? '2' : '1',
    card.address ? hex(card.address) : '-',
    `${facility.slice(0, 2)} - ${facility.slice(2)}`,
    dmy(card.validFrom ?? '2026-01-01'),
    card.validTo ? dmy(card.validTo) : '-',
    dmy(card.validFrom ?? '2026-01-01'),
    `${facility.slice(0, 2)}05${card.number.slice(-10)}`,
    '-',
    '4',
    ` ${dmy(card.validFrom ?? '2026-01-01')}`,
    '0000000000000000-0000',
    '4',
    '-',
    // Like the 2023 cards: the closing '$' is a field of its own.
    '$',
  ].join('|');
}
