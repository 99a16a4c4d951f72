/**
 * Text that a spreadsheet would run as a formula (CSV/formula injection): `=HYPERLINK(…)`, `+SUM(…)`,
 * `@cmd`, `-2+3`, and a leading tab or carriage return some programs strip before looking. The
 * registry stores such text as text; it is flagged when imported (someone should look at it) and
 * neutralised when exported (a leading apostrophe, which Excel shows as text and does not run), so
 * a list passed on to the district cannot run anything on another PC.
 */
const TRIGGER = /^[=+@\t\r]|^-[^\s\d-]|^-\d[\s\S]*[+*/^&=(]/;
/** A phone number written the international way is not a formula. */
const PHONE_LIKE = /^\+[\d\s.()-]+$/;

export function looksLikeFormula(s: string): boolean {
  return s.length > 1 && TRIGGER.test(s) && !PHONE_LIKE.test(s);
}

/** The text as it should go into an exported cell. */
export function neutraliseFormula(s: string): string {
  return looksLikeFormula(s) ? `'${s}` : s;
}

/** Vietnamese note for the row's verdict: what was found, that it is kept as text. */
export function formulaWarning(label: string, value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `${label} «${shown.replace(/[\t\r\n]/g, ' ')}» bắt đầu như một công thức Excel: phần mềm lưu nguyên văn như chữ, không chạy; hãy kiểm tra lại ô này.`;
}
