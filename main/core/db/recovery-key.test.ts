import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { decodeRecoveryKey, encodeRecoveryKey } from './recovery-key.ts';

/** What the user reads when the decoder refuses, or 'accepted' when it did not. */
function refusal(text: string): string {
  try {
    decodeRecoveryKey(text);
    return 'accepted';
  } catch (e) {
    return e instanceof AppError ? e.userMessage : String(e);
  }
}
const MISTYPED = 'Mã khôi phục không đúng: kiểm tra lại từng ký tự trên tờ mã khôi phục.';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('recovery key', () => {
  it('reads back the key as people type it: lower case, spaces, O for 0, I and L for 1', () => {
    const key = randomBytes(32);
    const text = encodeRecoveryKey(key);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(decodeRecoveryKey(text).equals(key)).toBe(true);
    const typed = text.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(decodeRecoveryKey(typed).equals(key)).toBe(true);
  });

  it('refuses every single mistyped character, the last one included', () => {
    // Keys ending in each possible last character (the encoder writes 0, 8, G or R there).
    const keys: Buffer[] = [];
    const endings = new Set<string>();
    while (endings.size < 4) {
      const key = randomBytes(32);
      const last = encodeRecoveryKey(key).at(-1)!;
      if (endings.has(last)) continue;
      endings.add(last);
      keys.push(key);
    }
    for (const key of keys) {
      const chars = encodeRecoveryKey(key).replaceAll('-', '');
      for (let i = 0; i < chars.length; i++) {
        for (const c of ALPHABET) {
          if (c === chars[i]) continue;
          const typo = chars.slice(0, i) + c + chars.slice(i + 1);
          expect(refusal(typo), `position ${i + 1}: ${chars[i]} → ${c}`).toBe(MISTYPED);
        }
      }
    }
  });

  it('refuses two neighbouring characters swapped', () => {
    for (let k = 0; k < 20; k++) {
      const chars = encodeRecoveryKey(randomBytes(32)).replaceAll('-', '');
      for (let i = 0; i + 1 < chars.length; i++) {
        if (chars[i] === chars[i + 1]) continue;
        const swapped = chars.slice(0, i) + chars[i + 1] + chars[i] + chars.slice(i + 2);
        expect(refusal(swapped), `positions ${i + 1}–${i + 2}`).toBe(MISTYPED);
      }
    }
  });

  it('refuses a key too short, too long or with a character outside the alphabet', () => {
    const text = encodeRecoveryKey(randomBytes(32));
    expect(refusal(text.slice(0, -1))).toBe(MISTYPED);
    expect(refusal(text + '0')).toBe(MISTYPED);
    expect(refusal('U' + text.slice(1))).toBe(MISTYPED);
  });
});
