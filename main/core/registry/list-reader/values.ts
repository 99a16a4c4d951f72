/**
 * The value parsers, one per kind of cell. Each takes the cell's text (and, where it matters, its
 * typed Excel value) and returns null for a blank cell, or a `Parsed` value: the normalised value
 * with an optional Vietnamese warning, or a Vietnamese error.
 */
export type { Parsed } from './parsed.ts';
export { parseDate, yearOf, type DateOptions } from './dates.ts';
export { parseSex, isMark } from './sex.ts';
export { parseName, properCase } from './names.ts';
export { parsePhone, parsePhoneCell, type PhoneCell, type PhoneNumber } from './phone.ts';
export { createEthnicityMatcher, type EthnicityItem, type EthnicityMatcher } from './ethnicity.ts';
export { parseIdNumber, parseBhyt, checkCccdAgainstPerson, type IdNumber } from './id-numbers.ts';
export {
  cleanText,
  parseEmail,
  parseNationality,
  parseRelation,
  parseHeadCell,
  type Relation,
} from './text-values.ts';
