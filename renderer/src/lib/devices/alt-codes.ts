/**
 * Scanners in "ALT mode" type characters as Alt + numpad digits. Windows maps Alt+0nnn through the
 * ANSI code page (cp1252 here) and Alt+nnn through the OEM one; neither holds the precomposed
 * Vietnamese letters (ễ, ơ …), which is why CCCD names cannot survive keyboard wedge. We decode
 * what Windows would, so the payload check can see the damage.
 */

/** cp1252 bytes 0x80–0x9F (the rest of 0xA0–0xFF is Latin-1). Undefined bytes map to U+FFFD. */
const CP1252_80_9F = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

/** The character for an Alt+numpad code ("0234" → "ê"); U+FFFD when Windows would not give a letter we can trust. */
export function altCodeChar(digits: string): string {
  if (!/^\d{1,5}$/.test(digits)) return '\uFFFD';
  const n = Number(digits) % 256; // codes above 255 wrap outside rich-edit controls
  if (digits.startsWith('0')) {
    if (n >= 0x80 && n <= 0x9f) return CP1252_80_9F[n - 0x80];
    return String.fromCharCode(n);
  }
  // OEM code page (cp437): only its ASCII half is the same everywhere.
  return n < 0x80 ? String.fromCharCode(n) : '\uFFFD';
}
