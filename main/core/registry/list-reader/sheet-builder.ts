import type { CellText } from './cell-text.ts';
import type { Sheet, TypedCell } from './table-types.ts';

/** Thrown inside a reader's loop to stop at the row limit; caught by the reader. */
export class RowLimitReached extends Error {
  readonly sheet: string;
  constructor(sheet: string) {
    super(`Row limit reached in ${sheet}`);
    this.sheet = sheet;
  }
}

/**
 * Collects cells into a dense `Sheet`: row i is Excel line i + 1, blank lines included, so line
 * numbers never need a lookup. Counts what the sheet-level warnings report.
 */
export class SheetBuilder {
  readonly #rows: string[][] = [];
  readonly #typed: Record<number, Record<number, TypedCell>> = {};
  readonly #name: string;
  readonly #hidden: boolean;
  readonly #maxRows: number;
  merges: string[] = [];
  noResult = 0;
  errors = 0;
  tcvn3 = 0;

  constructor(name: string, hidden: boolean, maxRows: number) {
    this.#name = name;
    this.#hidden = hidden;
    this.#maxRows = maxRows;
  }

  get name(): string {
    return this.#name;
  }

  /** `line` and `column` are 1-based, as exceljs gives them. Blank cells need not be added. */
  add(line: number, column: number, cell: CellText): void {
    if (cell.noResult) this.noResult++;
    if (cell.error) this.errors++;
    if (cell.tcvn3) this.tcvn3++;
    const text = cell.text.trim();
    if (text === '' && !cell.typed) return;
    if (line > this.#maxRows) throw new RowLimitReached(this.#name);
    const r = line - 1;
    let row = this.#rows[r];
    if (!row) {
      row = [];
      this.#rows[r] = row;
    }
    // Cells may arrive sparse; fill the gap so the row is a plain dense array.
    for (let c = row.length; c < column - 1; c++) row[c] = '';
    row[column - 1] = text;
    if (cell.typed) (this.#typed[r] ??= {})[column - 1] = cell.typed;
  }

  build(): Sheet {
    const rows = this.#rows;
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    for (const row of rows) trimTrailingBlanks(row);
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    return { name: this.#name, hidden: this.#hidden, rows, typed: this.#typed, merges: this.merges };
  }
}

export function trimTrailingBlanks(row: string[]): void {
  let n = row.length;
  while (n > 0 && (row[n - 1] === '' || row[n - 1] === undefined)) n--;
  row.length = n;
}
