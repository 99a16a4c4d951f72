/**
 * Tells a CCCD QR from a BHYT QR from anything else, by shape only (no validation): the
 * registration screen routes the scan to the right parser, and says "not a card" otherwise.
 */
import { parseBhytQr } from './bhyt.ts';
import { parseCccdQr, type CardParseOptions } from './cccd.ts';
import { cleanPayload } from './text.ts';
import type { CardKind, CardParseResult } from './types.ts';

export function detectCard(payload: unknown): CardKind {
  if (typeof payload !== 'string') return 'unknown';
  const text = cleanPayload(payload);
  const f = text.split('|');
  const slashDate = /^\s*(\d{1,2}\/\d{1,2}\/\d{4}|\d{4})\s*$/;
  if (
    f.length >= 9 &&
    /^\s*[A-Za-z0-9]{10,15}\s*$/.test(f[0]) &&
    slashDate.test(f[2]) &&
    (text.endsWith('$') || f.length >= 10)
  )
    return 'bhyt';
  if (
    /^\d{12}$/.test(f[0].trim()) &&
    f.length >= 6 &&
    (/^\d{8}$/.test(f[3] ?? '') || /^\d{8}$/.test(f[2] ?? ''))
  )
    return 'cccd';
  return 'unknown';
}

export interface ScannedCard {
  kind: CardKind;
  result: CardParseResult;
}

/** Detects and parses in one call. An unknown payload is an error result, never an exception. */
export function parseCard(payload: unknown, options: CardParseOptions = {}): ScannedCard {
  const kind = detectCard(payload);
  if (kind === 'cccd') return { kind, result: parseCccdQr(payload, options) };
  if (kind === 'bhyt') return { kind, result: parseBhytQr(payload, options) };
  return {
    kind,
    result: { ok: false, warnings: [], errors: ['Mã vừa quét không phải mã QR của thẻ CCCD hay thẻ BHYT.'] },
  };
}
