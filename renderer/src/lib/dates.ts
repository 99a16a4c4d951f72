/**
 * Dates as Vietnamese users type and read them: dd/mm/yyyy, or just the year when only the year of
 * birth is known. The core stores ISO (yyyy-mm-dd or yyyy).
 */
import { vi as t } from './i18n/vi.ts';
export { isoToVn } from '#contract/dates.ts';

/** "14/5/1962", "14-05-1962", "14.05.1962", "14051962", "1962" → ISO; null when it is not a real date. */
export function vnToIso(text: string): string | null {
  const s = text.trim();
  if (/^\d{4}$/.test(s)) return s;
  const m = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "62 tuổi", or months for babies ("8 tháng"), from a birth date as of today. */
export function ageText(birthDate: string, age: number, today = new Date()): string {
  if (age >= 2 || birthDate.length === 4) return t.ui.years(age);
  const [y, m, d] = birthDate.split('-').map(Number);
  let months = (today.getFullYear() - y) * 12 + (today.getMonth() + 1 - m);
  if (today.getDate() < d) months -= 1;
  return months < 1 ? t.ui.underAMonth : t.ui.months(months);
}

export function sexText(sex: 'M' | 'F'): string {
  return t.ui.sex[sex];
}
