/**
 * Folds Vietnamese text for search: decompose (NFD), drop the combining marks, map đ/Đ to d (they
 * have no Unicode decomposition, so SQLite's remove_diacritics keeps them), lower-case, and collapse
 * whitespace. "Nguyễn Đức" and "nguyen duc" (typed either NFC or NFD) fold to the same string.
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
