/**
 * TCVN3 ("ABC", TCVN 5712:1993 VN3): the 8-bit Vietnamese encoding of the .VnTime/.VnArial fonts,
 * still common in commune spreadsheets typed before Unicode. Excel stores such text as the Latin-1
 * characters the bytes stand for, so "Nguyễn Văn An" arrives as "NguyÔn V¨n An". We recognise it
 * and convert it to Unicode.
 *
 * VN3 has lower-case toned letters only; capitals were made with the ".VnTimeH" fonts, whose
 * lower-case slots draw capital glyphs. A cell whose ASCII letters are all capitals was therefore
 * typed in capitals, and its converted letters are upper-cased too.
 */

/** Byte → Unicode, the 134 letters of VN3 (bytes not listed are plain Latin-1 or unused). */
// prettier-ignore
const VN3: ReadonlyArray<readonly [number, string]> = [
  [0xa1, 'Ă'], [0xa2, 'Â'], [0xa3, 'Ê'], [0xa4, 'Ô'], [0xa5, 'Ơ'], [0xa6, 'Ư'], [0xa7, 'Đ'],
  [0xa8, 'ă'], [0xa9, 'â'], [0xaa, 'ê'], [0xab, 'ô'], [0xac, 'ơ'], [0xad, 'ư'], [0xae, 'đ'],
  [0xb5, 'à'], [0xb6, 'ả'], [0xb7, 'ã'], [0xb8, 'á'], [0xb9, 'ạ'],
  [0xbb, 'ằ'], [0xbc, 'ẳ'], [0xbd, 'ẵ'], [0xbe, 'ắ'], [0xc6, 'ặ'],
  [0xc7, 'ầ'], [0xc8, 'ẩ'], [0xc9, 'ẫ'], [0xca, 'ấ'], [0xcb, 'ậ'],
  [0xcc, 'è'], [0xce, 'ẻ'], [0xcf, 'ẽ'], [0xd0, 'é'], [0xd1, 'ẹ'],
  [0xd2, 'ề'], [0xd3, 'ể'], [0xd4, 'ễ'], [0xd5, 'ế'], [0xd6, 'ệ'],
  [0xd7, 'ì'], [0xd8, 'ỉ'], [0xdc, 'ĩ'], [0xdd, 'í'], [0xde, 'ị'],
  [0xdf, 'ò'], [0xe1, 'ỏ'], [0xe2, 'õ'], [0xe3, 'ó'], [0xe4, 'ọ'],
  [0xe5, 'ồ'], [0xe6, 'ổ'], [0xe7, 'ỗ'], [0xe8, 'ố'], [0xe9, 'ộ'],
  [0xea, 'ờ'], [0xeb, 'ở'], [0xec, 'ỡ'], [0xed, 'ớ'], [0xee, 'ợ'],
  [0xef, 'ù'], [0xf1, 'ủ'], [0xf2, 'ũ'], [0xf3, 'ú'], [0xf4, 'ụ'],
  [0xf5, 'ừ'], [0xf6, 'ử'], [0xf7, 'ữ'], [0xf8, 'ứ'], [0xf9, 'ự'],
  [0xfa, 'ỳ'], [0xfb, 'ỷ'], [0xfc, 'ỹ'], [0xfd, 'ý'], [0xfe, 'ỵ'],
];

/** Keyed by the Latin-1 character Excel (or a latin1 decode) shows for the byte. */
const TO_UNICODE = new Map<string, string>(VN3.map(([b, u]) => [String.fromCharCode(b), u]));

/**
 * Latin-1 letters that Unicode Vietnamese uses too (á, ê, Ô…): seeing them proves nothing. Every
 * other VN3 character (¨ ª « ¬ µ ¸ ¹ Æ × ß …) is a strong sign of TCVN3.
 */
const SHARED_WITH_UNICODE = new Set('áâãèéêìíòóôõùúýÈÉÊÌÒÓÔÕÝ');

/** Letters only Unicode Vietnamese has: their presence means the cell is already Unicode. */
const UNICODE_VIETNAMESE = /[ăĂđĐơƠưƯĩĨũŨ\u1EA0-\u1EF9]|\p{M}/u;

/** Faster than a regular expression on the million cells of a large list. */
export function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

export interface Tcvn3Verdict {
  /** Cells that read as TCVN3 (a telltale character, nothing outside VN3). */
  tcvn3Cells: number;
  /** Cells with letters only Unicode Vietnamese has. */
  unicodeCells: number;
}

/** Classifies one cell: 'tcvn3', 'unicode', or null when it proves neither (ASCII, shared letters only). */
function classify(s: string): 'tcvn3' | 'unicode' | null {
  if (!hasNonAscii(s)) return null;
  if (UNICODE_VIETNAMESE.test(s)) return 'unicode';
  let telltale = false;
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) continue;
    if (!TO_UNICODE.has(ch)) return null;
    if (!SHARED_WITH_UNICODE.has(ch)) telltale = true;
  }
  return telltale ? 'tcvn3' : null;
}

/** Counts evidence over a sample of cells (the first `limit` non-ASCII ones are enough). */
export function tcvn3Evidence(cells: Iterable<string>, limit = 5000): Tcvn3Verdict {
  let tcvn3Cells = 0;
  let unicodeCells = 0;
  let seen = 0;
  for (const s of cells) {
    const c = classify(s);
    if (c === null) continue;
    if (c === 'tcvn3') tcvn3Cells++;
    else unicodeCells++;
    if (++seen >= limit) break;
  }
  return { tcvn3Cells, unicodeCells };
}

/**
 * Whole-table decision: TCVN3 when at least two cells carry its telltale characters and they are
 * not outnumbered two to one by Unicode cells (a header retyped in Unicode above TCVN3 data is
 * still a TCVN3 table; a Unicode list with a stray "«" or "©" is not).
 */
export function isTcvn3Table(v: Tcvn3Verdict): boolean {
  return v.tcvn3Cells >= 2 && v.tcvn3Cells * 2 >= v.unicodeCells;
}

/**
 * Converts one cell if it can be TCVN3: every non-ASCII character is a VN3 letter and none is
 * Unicode-only. Other cells come back unchanged (a table may mix both).
 */
export function convertTcvn3Cell(s: string, options: { capitals?: boolean } = {}): string {
  if (!hasNonAscii(s) || UNICODE_VIETNAMESE.test(s)) return s;
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    const u = TO_UNICODE.get(ch);
    if (u === undefined) return s;
    out += u;
  }
  const capitals = options.capitals ?? isAllCapitals(s);
  return (capitals ? out.toUpperCase() : out).normalize('NFC');
}

/** "NGUYÔN V¡N AN": the ASCII letters are capitals, so the VN3 letters were meant as capitals too. */
function isAllCapitals(s: string): boolean {
  let upper = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x41 && c <= 0x5a) upper++;
  }
  return upper >= 2;
}

/**
 * The ABC family names its fonts ".VnTime", ".VnArialH", …; an "H" at the end means capitals. (The
 * dot matters: "VNI-Times" is the other legacy encoding, VNI, which we do not convert.)
 */
export function tcvn3Font(fontName: string | undefined): 'normal' | 'capitals' | null {
  if (!fontName || !/^\.vn[a-z]/i.test(fontName.trim())) return null;
  return /h$/i.test(fontName.trim()) ? 'capitals' : 'normal';
}
