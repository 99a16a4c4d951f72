/**
 * Detects a 2D scanner in keyboard-wedge mode from key events: a scanner types far faster and more
 * evenly than a person (1–20 ms between keys; onscan.js and KeyboardBarcodeScanner use an average
 * under 30 ms), optionally starts with a configured prefix, and usually ends with Enter or Tab.
 * Pure: it takes the few KeyboardEvent fields it needs and the caller's clock, so it runs in
 * tests without a DOM. The payload is then checked (wedge-check.ts): safe for ASCII BHYT codes,
 * and a garbled CCCD scan produces a message telling the nurse to switch the scanner to HID POS
 * or USB COM.
 */
import { altCodeChar } from './alt-codes.ts';
import { checkWedgePayload, type WedgeCard, type WedgeProblem } from './wedge-check.ts';

/** The KeyboardEvent fields used (a real KeyboardEvent satisfies this). */
export interface WedgeKey {
  key: string;
  code?: string;
  timeStamp: number;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
}

export interface WedgeOptions {
  /** Characters the scanner is configured to send first (e.g. "~"); a scan must start with them. */
  prefix?: string;
  /** Keys that end a scan. Default Enter and Tab. */
  suffixKeys?: string[];
  /** Average gap between keys for a scan (ms). Default 30. */
  maxAverageGapMs?: number;
  /** A single gap longer than this ends the burst (ms). Default 80. */
  maxGapMs?: number;
  /** Shorter bursts are typing, not scans. Default 6. */
  minLength?: number;
  /** Silence that ends a scan without a suffix (ms). Default 100. */
  idleMs?: number;
}

export interface WedgeScan {
  /** 'scan': usable (maybe with a warning in `message`); 'garbled': must not be used, show `message`. */
  kind: 'scan' | 'garbled';
  text: string;
  card: WedgeCard;
  problems: WedgeProblem[];
  message?: string;
}

const IGNORED = new Set(['Shift', 'CapsLock', 'NumLock', 'Control', 'Meta', 'AltGraph', 'Dead']);

export class WedgeDetector {
  readonly #o: Required<WedgeOptions>;
  #chars: string[] = [];
  #times: number[] = [];
  #imeKeys = 0;
  #altCodes = 0;
  #altDigits: string | null = null;
  /** When the last key was handled (the page's clock), as opposed to when it was typed. */
  #lastHandledAt: number | undefined;

  constructor(options: WedgeOptions = {}) {
    this.#o = {
      prefix: options.prefix ?? '',
      suffixKeys: options.suffixKeys ?? ['Enter', 'Tab'],
      maxAverageGapMs: options.maxAverageGapMs ?? 30,
      maxGapMs: options.maxGapMs ?? 80,
      minLength: options.minLength ?? 6,
      idleMs: options.idleMs ?? 100,
    };
  }

  /** True while a fast burst is under way: the UI may hold back the keys from the focused field. */
  get scanning(): boolean {
    return this.#chars.length >= 3 && this.#averageGap() <= this.#o.maxAverageGapMs;
  }

  /**
   * Feed every keydown. `handledAt` is the page's clock now (default: the key's own timestamp).
   * Returns a finished scan, or null.
   */
  handleKey(e: WedgeKey, handledAt: number = e.timeStamp): WedgeScan | null {
    const t = e.timeStamp;
    this.#lastHandledAt = handledAt;
    if (e.key === 'Alt') {
      this.#flushAlt(t);
      this.#altDigits = '';
      return null;
    }
    if (e.altKey && /^\d$/.test(e.key) && (e.code ?? 'Numpad').startsWith('Numpad')) {
      this.#altDigits = (this.#altDigits ?? '') + e.key;
      return null;
    }
    const before = this.#flushAlt(t);
    if (before) return before;
    if (IGNORED.has(e.key)) return null;
    if (e.isComposing || e.key === 'Process' || e.key === 'Unidentified') {
      // An input method is rewriting keys: note it, keep timing the burst.
      this.#imeKeys++;
      this.#times.push(t);
      return null;
    }
    if (this.#o.suffixKeys.includes(e.key)) {
      const done = this.#finish();
      return done;
    }
    if (
      e.key === 'Backspace' &&
      this.scanning &&
      t - this.#times[this.#times.length - 1] <= this.#o.maxGapMs
    ) {
      // Unikey/EVKey rewrite by sending Backspace then the composed letter ("aa" → "â") in the
      // middle of the scanner's burst: mirror the edit and remember that an input method interfered.
      this.#chars.pop();
      this.#times.push(t);
      this.#imeKeys++;
      return null;
    }
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey) {
      this.reset(); // Backspace, arrows, shortcuts: a person at the keyboard
      return null;
    }
    return this.#add(e.key, t);
  }

  /**
   * Call on a timer (every ~50 ms): a scan without a suffix ends after `idleMs` of silence.
   * Silence is counted from the last key handled, not from its timestamp: on a slow PC a long
   * scan's keys wait in the queue behind the page's work, and their timestamps fall further and
   * further behind the clock although the scanner is still sending (the scan was cut in two).
   */
  tick(now: number): WedgeScan | null {
    const alt = this.#flushAlt(now);
    if (alt) return alt;
    const last = this.#lastHandledAt;
    if (this.#times.length === 0 || last === undefined || now - last < this.#o.idleMs) return null;
    return this.#finish();
  }

  reset(): void {
    this.#chars = [];
    this.#times = [];
    this.#imeKeys = 0;
    this.#altCodes = 0;
    this.#altDigits = null;
  }

  #add(ch: string, t: number): WedgeScan | null {
    const last = this.#times[this.#times.length - 1];
    let finished: WedgeScan | null = null;
    if (last !== undefined && t - last > this.#o.maxGapMs) finished = this.#finish();
    this.#chars.push(ch);
    this.#times.push(t);
    return finished;
  }

  #flushAlt(t: number): WedgeScan | null {
    if (this.#altDigits === null) return null;
    const digits = this.#altDigits;
    this.#altDigits = null;
    if (!digits) return null;
    this.#altCodes++;
    return this.#add(altCodeChar(digits), t);
  }

  #averageGap(): number {
    const n = this.#times.length;
    return n < 2 ? 0 : (this.#times[n - 1] - this.#times[0]) / (n - 1);
  }

  #finish(): WedgeScan | null {
    const chars = this.#chars.join('');
    const fast = this.#times.length >= 2 && this.#averageGap() <= this.#o.maxAverageGapMs;
    const seen = { imeKeys: this.#imeKeys, altCodes: this.#altCodes };
    this.reset();
    if (!fast || chars.length < this.#o.minLength) return null;
    if (this.#o.prefix && !chars.startsWith(this.#o.prefix)) return null;
    const text = chars.slice(this.#o.prefix.length);
    const verdict = checkWedgePayload(text, seen);
    return {
      kind: verdict.unusable ? 'garbled' : 'scan',
      text,
      card: verdict.card,
      problems: verdict.problems,
      ...(verdict.message ? { message: verdict.message } : {}),
    };
  }
}

export { checkWedgePayload, type WedgeCard, type WedgeProblem } from './wedge-check.ts';
