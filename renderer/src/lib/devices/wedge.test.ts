import { describe, expect, it } from 'vitest';
import { altCodeChar } from './alt-codes.ts';
import { checkWedgePayload } from './wedge-check.ts';
import { WedgeDetector, type WedgeKey, type WedgeScan } from './wedge.ts';

const BHYT_2023 =
  '0111077012|4e677579e1bb856e205469e1babf6e20c490e1baa174|29/03/1988|1|-|01 - C54|01/07/2023|-|31/07/2023|01050111077012|-|4| 01/10/2027|4641c59ff02659c3-1202|4|5175e1baad6e2043e1baa775204769e1baa5792c205468c3a06e68207068e1bb912048c3a0204ee1bb9969|$';
const CCCD =
  '089202017098|352576714|Lê Văn Lương|23052002|Nam|Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang|31122021';

/** Key events for text typed `gap` ms apart, as a scanner (or a person) would. */
function keys(text: string, start = 1000, gap = 8, suffix: string | null = 'Enter'): WedgeKey[] {
  const out: WedgeKey[] = [...text].map((ch, i) => ({ key: ch, timeStamp: start + i * gap }));
  if (suffix) out.push({ key: suffix, timeStamp: start + text.length * gap });
  return out;
}

function run(detector: WedgeDetector, events: WedgeKey[], tickAt?: number): WedgeScan[] {
  const out: WedgeScan[] = [];
  for (const e of events) {
    const r = detector.handleKey(e);
    if (r) out.push(r);
  }
  if (tickAt !== undefined) {
    const r = detector.tick(tickAt);
    if (r) out.push(r);
  }
  return out;
}

/** What Unikey in Telex mode does to typed ASCII: "aa" → Backspace + "â" (and "ee", "oo", "dd"). */
function telex(text: string, start = 1000, gap = 8): WedgeKey[] {
  const out: WedgeKey[] = [];
  let t = start;
  let prev = '';
  const map: Record<string, string> = { a: 'â', e: 'ê', o: 'ô', d: 'đ' };
  for (const ch of text) {
    if (ch === prev && map[ch]) {
      out.push({ key: 'Backspace', timeStamp: (t += gap) }, { key: map[ch], timeStamp: (t += 1) });
      prev = '';
      continue;
    }
    out.push({ key: ch, timeStamp: (t += gap) });
    prev = ch;
  }
  out.push({ key: 'Enter', timeStamp: t + gap });
  return out;
}

describe('keyboard-wedge scan detection', () => {
  it('takes a fast BHYT burst ending in Enter: ASCII, safe', () => {
    const [scan] = run(new WedgeDetector(), keys(BHYT_2023));
    expect(scan).toEqual({ kind: 'scan', text: BHYT_2023, card: 'bhyt', problems: [] });
  });

  it('accepts the closing $ stuck to the last field, as some cards print it', () => {
    const glued = BHYT_2023.replace(/\|\$$/, '$');
    const [scan] = run(new WedgeDetector(), keys(glued));
    expect(scan).toMatchObject({ kind: 'scan', card: 'bhyt', problems: [] });
  });

  it('ignores a person typing the same characters', () => {
    expect(run(new WedgeDetector(), keys('0111077012', 1000, 150))).toEqual([]);
    expect(run(new WedgeDetector(), keys('abc', 1000, 5))).toEqual([]); // too short
  });

  it('ends a scan without a suffix after a short silence', () => {
    const d = new WedgeDetector();
    expect(run(d, keys(BHYT_2023, 1000, 5, null))).toEqual([]);
    expect(d.tick(1000 + BHYT_2023.length * 5 + 20)).toBeNull();
    expect(d.tick(1000 + BHYT_2023.length * 5 + 150)?.card).toBe('bhyt');
  });

  it('keeps one scan whole when its keys are handled later and later behind their timestamps', () => {
    // An old PC busy with the page: each key waits longer in the queue, the scanner is not silent.
    const d = new WedgeDetector();
    const scans: WedgeScan[] = [];
    keys(BHYT_2023, 1000, 4).forEach((e, i) => {
      const handledAt = e.timeStamp + i * 2; // the lag grows by 2 ms a key, past 100 ms by the end
      if (i % 10 === 0) {
        const idle = d.tick(handledAt);
        if (idle) scans.push(idle);
      }
      const r = d.handleKey(e, handledAt);
      if (r) scans.push(r);
    });
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ kind: 'scan', card: 'bhyt', text: BHYT_2023 });
  });

  it('uses the configured prefix and drops bursts without it', () => {
    expect(run(new WedgeDetector({ prefix: '~' }), keys(`~${BHYT_2023}`))[0].text).toBe(BHYT_2023);
    expect(run(new WedgeDetector({ prefix: '~' }), keys(BHYT_2023))).toEqual([]);
  });

  it('ignores Shift between characters and tolerates jitter', () => {
    const ev: WedgeKey[] = [];
    let t = 0;
    for (const ch of 'DN401AA31900313|4cc3aa|04/09/1985|1|-|01 - 043|a|b|c|$') {
      if (/[A-Z]/.test(ch)) ev.push({ key: 'Shift', timeStamp: (t += 2) });
      ev.push({ key: ch, timeStamp: (t += 5 + (t % 7)) });
    }
    ev.push({ key: 'Tab', timeStamp: t + 5 });
    expect(run(new WedgeDetector(), ev)[0]).toMatchObject({ kind: 'scan', card: 'bhyt' });
  });

  it('a human Backspace or a long pause ends the burst', () => {
    const d = new WedgeDetector();
    expect(
      run(d, [
        { key: 'a', timeStamp: 0 },
        { key: 'Backspace', timeStamp: 300 },
      ]),
    ).toEqual([]);
    expect(d.scanning).toBe(false);
  });
});

describe('keyboard-wedge payload checks', () => {
  it('an intact CCCD typed by the scanner is usable but the nurse is told to check it', () => {
    const [scan] = run(new WedgeDetector(), keys(CCCD));
    expect(scan).toMatchObject({ kind: 'scan', card: 'cccd', problems: [] });
    expect(scan.message).toMatch(/HID POS/);
  });

  it('a CCCD whose Vietnamese letters were dropped is garbled: switch to HID POS or COM', () => {
    const dropped = [...CCCD].filter((c) => c.charCodeAt(0) < 0x80).join('');
    const [scan] = run(new WedgeDetector(), keys(dropped));
    expect(scan.kind).toBe('garbled');
    expect(scan.problems).toContain('missing-letters');
    expect(scan.message).toMatch(/chế độ HID POS hoặc cổng COM/);
  });

  it('a CCCD with its marks stripped ("Le Van Luong") is garbled', () => {
    const stripped = CCCD.normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace('|Nu|', '|Nữ|');
    expect(checkWedgePayload(stripped, { imeKeys: 0, altCodes: 0 })).toMatchObject({
      unusable: true,
      problems: ['no-diacritics'],
    });
    expect(checkWedgePayload(CCCD.replace('|Nam|', '|N?m|'), { imeKeys: 0, altCodes: 0 }).problems).toContain(
      'rewritten',
    );
  });

  it('a CCCD typed as Alt codes of its UTF-8 bytes comes out as mojibake and is garbled', () => {
    const ev: WedgeKey[] = [];
    let t = 0;
    for (const byte of new TextEncoder().encode(
      '034303011829||Nguyễn Thị Hoa|21032003|Nữ|Thôn Lai|14082021',
    )) {
      if (byte < 0x80) ev.push({ key: String.fromCharCode(byte), timeStamp: (t += 3) });
      else {
        ev.push({ key: 'Alt', timeStamp: (t += 1), altKey: true });
        for (const dgt of `0${byte}`)
          ev.push({ key: dgt, code: `Numpad${dgt}`, timeStamp: (t += 1), altKey: true });
      }
    }
    ev.push({ key: 'Enter', timeStamp: t + 3 });
    const [scan] = run(new WedgeDetector(), ev);
    expect(scan.kind).toBe('garbled');
    expect(scan.text).toContain('Nguyá»…n');
    expect(scan.problems).toContain('foreign-letters');
  });

  it('a BHYT code rewritten by Unikey in Telex mode ("aa" → "â") is garbled: turn the input method off', () => {
    const [scan] = run(new WedgeDetector(), telex(BHYT_2023));
    expect(scan.kind).toBe('garbled');
    expect(scan.text).toContain('e1bâ174');
    expect(scan.problems).toEqual(expect.arrayContaining(['rewritten', 'ime']));
    expect(scan.message).toMatch(/Unikey/);
  });

  it('a BHYT code rewritten by VNI ("e1" → "é") is garbled', () => {
    const vni = BHYT_2023.replace(/e1/g, 'é');
    expect(checkWedgePayload(vni, { imeKeys: 0, altCodes: 0 })).toMatchObject({
      card: 'bhyt',
      unusable: true,
      problems: ['rewritten'],
    });
  });

  it('notes composing keys from an input method', () => {
    const ev = keys(BHYT_2023);
    ev.splice(20, 0, { key: 'Process', timeStamp: ev[19].timeStamp + 1, isComposing: true });
    expect(run(new WedgeDetector(), ev)[0]).toMatchObject({ kind: 'garbled', problems: ['ime'] });
  });

  it('other barcodes pass through untouched', () => {
    expect(run(new WedgeDetector(), keys('8934563138165'))[0]).toEqual({
      kind: 'scan',
      text: '8934563138165',
      card: 'other',
      problems: [],
    });
  });

  it('decodes Alt codes as Windows does', () => {
    expect(altCodeChar('0234')).toBe('ê');
    expect(altCodeChar('0128')).toBe('€');
    expect(altCodeChar('65')).toBe('A');
    expect(altCodeChar('130')).toBe('\uFFFD');
    expect(altCodeChar('x')).toBe('\uFFFD');
  });

  it('never throws on random key streams (seeded)', () => {
    let seed = 99;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pool = [
      'a',
      '1',
      '|',
      '/',
      'ê',
      'Enter',
      'Tab',
      'Backspace',
      'Shift',
      'Alt',
      'Process',
      'ArrowLeft',
      '$',
      '-',
      ' ',
    ];
    const d = new WedgeDetector();
    let t = 0;
    for (let i = 0; i < 20_000; i++) {
      t += Math.floor(rnd() * (rnd() < 0.1 ? 500 : 20));
      const key = pool[Math.floor(rnd() * pool.length)];
      expect(() =>
        d.handleKey({ key, code: rnd() < 0.3 ? 'Numpad1' : 'Digit1', timeStamp: t, altKey: rnd() < 0.1 }),
      ).not.toThrow();
      if (rnd() < 0.05) d.tick(t);
    }
  });
});
