import { describe, expect, it } from 'vitest';
import type { ScanEvent } from '../events.ts';
import { chunked, serialScanBytes } from '../simulator/frames.ts';
import { feed, T0 } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import { SerialScanner } from './serial-scanner.ts';

const BHYT_2023 =
  '0111077012|4e677579e1bb856e205469e1babf6e20c490e1baa174|29/03/1988|1|-|01 - C54|01/07/2023|-|31/07/2023|01050111077012|-|4| 01/10/2027|4641c59ff02659c3-1202|4|5175e1baad6e2043e1baa775204769e1baa5792c205468c3a06e68207068e1bb912048c3a0204ee1bb9969|$';
const scans = (events: { type: string }[]) => events.filter((e): e is ScanEvent => e.type === 'scan');

describe('serial (USB COM) scanner', () => {
  it('frames scans by CR LF across uneven reads and joins a split UTF-8 letter', () => {
    const run = runTrace(new SerialScanner(), loadTrace('serial-scanner-bhyt-2023.hex'));
    expect(scans(run.events).map((s) => s.text)).toEqual([
      BHYT_2023,
      '034303011829||Nguyễn Thị Hoa|21032003|Nữ|Thôn Lai Ổn, An Quý, Quỳnh Phụ, Thái Bình|14082021',
    ]);
    expect(run.events.every((e) => e.type === 'scan')).toBe(true);
  });

  it('ends a scan by silence when the scanner sends no suffix', () => {
    const s = new SerialScanner({ suffix: 'none', interByteTimeoutMs: 50 });
    const parts = chunked(serialScanBytes('Lê Việt Hưng', ''), [5, 3, 9]);
    const events = feed(s, parts, { stepMs: 10 });
    expect(events).toEqual([]);
    const out = s.tick(T0 + parts.length * 10 + 60).events;
    expect(scans(out).map((e) => e.text)).toEqual(['Lê Việt Hưng']);
  });

  it('a pause longer than the timeout separates two scans even without a suffix', () => {
    const s = new SerialScanner({ suffix: 'none', interByteTimeoutMs: 50 });
    s.push(serialScanBytes('AAA111', ''), T0);
    const out = s.push(serialScanBytes('BBB222', ''), T0 + 500).events;
    expect(scans(out).map((e) => e.text)).toEqual(['AAA111']);
    expect(scans(s.tick(T0 + 600).events).map((e) => e.text)).toEqual(['BBB222']);
  });

  it('strips an AIM prefix and names the symbology', () => {
    const [scan] = scans(feed(new SerialScanner(), [serialScanBytes('0111077012|abc', '\r', ']Q1')]));
    expect(scan).toMatchObject({ text: '0111077012|abc', aim: ']Q1', symbology: 'qr' });
  });

  it('reports a runaway stream without a suffix instead of growing forever', () => {
    const s = new SerialScanner({ suffix: 'cr', interByteTimeoutMs: 10_000 });
    const big = new Uint8Array(5000).fill(0x41);
    expect(s.push(big, T0).events).toMatchObject([{ type: 'error', code: 'truncated' }]);
  });
});
