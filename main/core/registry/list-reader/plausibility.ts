/**
 * How un-Vietnamese a decoded text looks, to choose between two readings of the same bytes
 * (TCVN3 or Windows-1258) or to confirm a TCVN3 conversion. Counts:
 * - Latin-1 symbols and letters Vietnamese never uses (¨ ª « µ ¸ Ð Þ ñ ß …): a wrong code page;
 * - combining marks left over after NFC (a tone mark on a consonant);
 * - words carrying two tone marks ("Nguyờịn"): a syllable has at most one.
 */

const VIETNAMESE_LATIN1 = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ');
const TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;

export function implausibility(texts: Iterable<string>): number {
  let score = 0;
  for (const text of texts) {
    const s = text.normalize('NFC');
    for (const ch of s) {
      const c = ch.charCodeAt(0);
      if (c >= 0x80 && c <= 0xff && !VIETNAMESE_LATIN1.has(ch)) score++;
      else if (c >= 0x300 && c <= 0x36f) score++;
    }
    for (const word of s.split(/[^\p{L}\p{M}]+/u)) {
      if (word.length < 2) continue;
      const tones = word.normalize('NFD').match(TONE);
      if (tones && tones.length > 1) score++;
    }
  }
  return score;
}
