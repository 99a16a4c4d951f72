/**
 * The least a password must be: a station PC is shared and its accounts guard health records, so
 * the passwords everybody tries first are refused. Kept small on purpose (no composition rules
 * that push people to write passwords on the monitor): long enough, not one key held down, not a
 * run of digits, not on the short list of the most common passwords.
 */
export const WEAK_PASSWORD_HINT =
  'Quá dễ đoán: cần ít nhất 8 ký tự, không phải một ký tự lặp lại, dãy số liên tiếp hay mật khẩu phổ biến (như «12345678», «password»). Nên ghép vài từ dễ nhớ, ví dụ «lua-chin-vang-2026».';

/** Lower-cased; folded so "MatKhau123" and "Mật khẩu 123" count too. */
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'matkhau',
  'matkhau1',
  'matkhau123',
  'matkhau@123',
  'qwertyuiop',
  'qwerty123',
  'qwertyui',
  'asdfghjk',
  'abcd1234',
  'abc12345',
  'abc123456',
  'admin123',
  'admin@123',
  'administrator',
  'iloveyou',
  'quantri',
  'quantri123',
  'yte12345',
  'tramyte',
  'tramyte123',
  'hssk1234',
  'hsskhssk',
  '12341234',
  '11223344',
  '123123123',
  '123456abc',
  '1q2w3e4r',
  '1qaz2wsx',
  'zaq12wsx',
  'changeme',
  'welcome1',
  'letmein1',
]);

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, '');
}

/** A run of digits going up or down by one ("12345678", "98765432", "01234567"). */
function isDigitRun(s: string): boolean {
  if (!/^\d+$/.test(s)) return false;
  const step = Number(s[1]) - Number(s[0]);
  if (Math.abs(step) !== 1) return false;
  for (let i = 1; i < s.length; i++)
    if ((Number(s[i]) - Number(s[i - 1]) + 10) % 10 !== (step + 10) % 10) return false;
  return true;
}

export function isStrongEnoughPassword(password: string): boolean {
  if (password.trim().length < 8) return false;
  const chars = [...password];
  if (chars.every((c) => c === chars[0])) return false;
  const folded = fold(password);
  if (COMMON.has(folded) || isDigitRun(folded)) return false;
  return true;
}
