import { implausibility } from './plausibility.ts';
import { convertTcvn3Cell, hasNonAscii, isTcvn3Table, tcvn3Evidence } from './tcvn3.ts';
import type { Sheet } from './table-types.ts';
import { runNow, sliceTimer, type Steps } from './turns.ts';

export interface TextRepair {
  /** Cells converted from TCVN3. */
  tcvn3Cells: number;
  /** The 8-bit bytes were read as Windows-1258. */
  windows1258: boolean;
}

const windows1258 = new TextDecoder('windows-1258');

function* allCells(sheet: Sheet): Generator<string> {
  for (const row of sheet.rows) yield* row;
}

/** The first few thousand non-ASCII cells: enough to judge an encoding. */
function sample(sheet: Sheet, limit = 2000): string[] {
  const out: string[] = [];
  for (const s of allCells(sheet)) {
    if (hasNonAscii(s)) out.push(s);
    if (out.length >= limit) break;
  }
  return out;
}

const fromWindows1258 = (s: string): string => windows1258.decode(Buffer.from(s, 'latin1')).normalize('NFC');

/**
 * Is the table TCVN3? Its telltale characters must be there (and not drowned out by Unicode
 * Vietnamese), and converting must read more like Vietnamese than the alternative: the text as it
 * is, or — for an 8-bit file — the same bytes read as Windows-1258 (the two code pages share many
 * byte values, so only the result tells them apart).
 */
function looksTcvn3(sheet: Sheet, legacy8bit: boolean): boolean {
  if (!isTcvn3Table(tcvn3Evidence(allCells(sheet)))) return false;
  const cells = sample(sheet);
  const converted = implausibility(cells.map((s) => convertTcvn3Cell(s)));
  const alternative = implausibility(legacy8bit ? cells.map(fromWindows1258) : cells);
  return converted < alternative;
}

/**
 * Puts every cell of a sheet into clean Unicode, in place:
 * - a TCVN3 table is converted cell by cell;
 * - cells of an 8-bit file that are not TCVN3 are re-read as Windows-1258, the Vietnamese ANSI code
 *   page (its tone marks are combining characters, hence NFC afterwards);
 * - everything is NFC (Vietnamese typed on a Mac or pasted from the web is often decomposed), with
 *   non-breaking spaces made plain and the ends trimmed.
 */
export function repairSheetText(sheet: Sheet, legacy8bit: boolean): TextRepair {
  return runNow(repairSheetTextSteps(sheet, legacy8bit));
}

export function* repairSheetTextSteps(sheet: Sheet, legacy8bit: boolean): Steps<TextRepair> {
  const timeUp = sliceTimer();
  const tcvn3 = looksTcvn3(sheet, legacy8bit);
  let tcvn3Cells = 0;
  let windows1258Used = false;
  for (const row of sheet.rows) {
    if (timeUp()) yield;
    for (let c = 0; c < row.length; c++) {
      let s = row[c];
      if (!hasNonAscii(s)) continue;
      if (tcvn3) {
        const converted = convertTcvn3Cell(s);
        if (converted !== s) {
          tcvn3Cells++;
          s = converted;
        }
      }
      if (legacy8bit && hasNonAscii(s) && s === row[c]) {
        s = fromWindows1258(s);
        windows1258Used = true;
      }
      row[c] = s
        .normalize('NFC')
        .replace(/\u00A0/g, ' ')
        .trim();
    }
  }
  return { tcvn3Cells, windows1258: windows1258Used };
}
