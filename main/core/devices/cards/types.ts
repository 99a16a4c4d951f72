/**
 * What a scanned card gives the registration form. Every field may be missing: the form is
 * pre-filled, the nurse checks it. Names and addresses are NFC; dates are ISO ('yyyy-mm-dd', or
 * 'yyyy' when a BHYT card gives only the year of birth).
 */
import type { Sex } from '#contract/schemas/common.ts';

export interface BhytCardInfo {
  /** As printed: the 10-digit BHXH number (cards since 2021) or the legacy 15-character code. */
  number: string;
  form: 'bhxh10' | 'legacy15' | 'unknown';
  /** The lifelong BHXH number: the number itself, or the last 10 characters of a legacy code. */
  bhxhNumber: string | null;
  /** Legacy codes only: participant category (e.g. "DN") and benefit level 1–5. */
  category: string | null;
  benefitLevel: number | null;
  /** First-contact facility, 5 characters: "01 - 043" on the card → "01043". */
  facility: string | null;
  validFrom: string | null;
  /** null when the card prints no end date ("-"). */
  validTo: string | null;
  /** Start of 5 consecutive years of participation (co-payment exemption), when printed. */
  fiveYearFrom: string | null;
  issueDate: string | null;
  /** Place of issue or renewal (newer cards), decoded from hex. */
  issuePlace: string | null;
  /** Parent/guardian names on children's cards (decoded from hex). */
  guardianName: string | null;
  /** Fields whose meaning is not confirmed, kept verbatim for later. */
  managementCode: string | null;
  /** "16 hex - 4 hex" string at [13]; its algorithm is unknown, so it is not verified. */
  checkCode: string | null;
  /** Every field as scanned (terminator removed), for fields whose meaning is not known yet. */
  rawFields: string[];
}

export interface ParsedCard {
  source: 'cccd' | 'bhyt';
  fullName: string | null;
  sex: Sex | null;
  /** 'yyyy-mm-dd', or 'yyyy' when only the year is known. */
  birthDate: string | null;
  /** 12-digit personal identification number. */
  cccd: string | null;
  /** Old 9-digit CMND. */
  cmnd: string | null;
  /** Permanent address (CCCD) or address/workplace (BHYT), as text. */
  address: string | null;
  /** CCCD issue date. (A BHYT card's issue date is in `bhyt.issueDate`.) */
  issueDate: string | null;
  bhyt: BhytCardInfo | null;
  /** Fields after the known ones (newer căn cước cards), kept raw. */
  extraFields: string[];
}

export interface CardParseResult {
  /** True when the card parsed and nothing contradicts itself (`errors` is empty). */
  ok: boolean;
  /** Present whenever the payload had the card's shape, even with errors, so the nurse can see it. */
  card?: ParsedCard;
  /** Vietnamese; worth showing but the data can be used. */
  warnings: string[];
  /** Vietnamese; the data should not be used without checking the card. */
  errors: string[];
}

export type CardKind = 'cccd' | 'bhyt' | 'unknown';
