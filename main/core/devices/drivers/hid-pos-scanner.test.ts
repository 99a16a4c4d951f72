import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../bytes.ts';
import type { ScanEvent } from '../events.ts';
import { hidPosReports } from '../simulator/frames.ts';
import { feed, T0 } from '../test-support/harness.ts';
import { loadTrace, runTrace } from '../test-support/trace.ts';
import { hidPosLayoutForVendor, HidPosScanner } from './hid-pos-scanner.ts';

const LE_VAN_LUONG =
  '089202017098|352576714|Lê Văn Lương|23052002|Nam|Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang|31122021';
const NGUYEN_THI_HOA =
  '034303011829||Nguyễn Thị Hoa|21032003|Nữ|Thôn Lai Ổn, An Quý, Quỳnh Phụ, Thái Bình|14082021';
const scans = (events: { type: string }[]) => events.filter((e): e is ScanEvent => e.type === 'scan');

describe('HID POS scanner, layout A (Honeywell)', () => {
  it('joins a CCCD QR over three reports, with "ổ" split across a report boundary, before decoding', () => {
    const run = runTrace(new HidPosScanner({ layout: 'A' }), loadTrace('hidpos-a-cccd-le-van-luong.hex'));
    expect(run.events).toHaveLength(1);
    const [scan] = scans(run.events);
    expect(scan.text).toBe(LE_VAN_LUONG);
    expect(scan.utf8Valid).toBe(true);
    expect(scan.aim).toBe(']Q1');
    expect(scan.symbology).toBe('qr');
    expect(scan.symbologyId).toBe('73');
    expect(scan.rawHex.startsWith('30 38 39 32')).toBe(true);
  });

  it('decodes every split size from 1 to 56 bytes per report (every character boundary case)', () => {
    for (let per = 1; per <= 56; per++) {
      const s = new HidPosScanner({ layout: 'A' });
      const events = feed(s, hidPosReports(NGUYEN_THI_HOA, { layout: 'A', dataPerReport: per }));
      expect(
        scans(events).map((e) => e.text),
        `per=${per}`,
      ).toEqual([NGUYEN_THI_HOA]);
    }
  });

  it('auto-detects layout A from the AIM id', () => {
    const events = feed(new HidPosScanner(), hidPosReports(LE_VAN_LUONG, { layout: 'A' }));
    expect(scans(events)[0].text).toBe(LE_VAN_LUONG);
  });

  it('drops a scan whose continuation report never comes, and says so', () => {
    const s = new HidPosScanner({ layout: 'A', continuationTimeoutMs: 300 });
    const reports = hidPosReports(LE_VAN_LUONG, { layout: 'A' });
    expect(s.push(reports[0], T0).events).toEqual([]);
    expect(s.tick(T0 + 200).events).toEqual([]);
    const late = s.tick(T0 + 400).events;
    expect(late).toMatchObject([{ type: 'error', code: 'truncated' }]);
    expect(late[0].type === 'error' && late[0].message).toMatch(/quét lại/);
    // The next complete scan is unaffected.
    expect(scans(feed(s, reports, { t0: T0 + 1000 }))[0].text).toBe(LE_VAN_LUONG);
  });

  it('starts a new scan when a report arrives after the continuation timeout', () => {
    const s = new HidPosScanner({ layout: 'A', continuationTimeoutMs: 300 });
    const a = hidPosReports('AAAA', { layout: 'A', dataPerReport: 2 });
    const b = hidPosReports('0111077012|xyz', { layout: 'A' });
    s.push(a[0], T0);
    const out = s.push(b[0], T0 + 1000).events;
    expect(out.map((e) => e.type)).toEqual(['error', 'scan']);
    expect(scans(out)[0].text).toBe('0111077012|xyz');
  });

  it('ignores other report ids and reports a malformed scanned-data report', () => {
    const s = new HidPosScanner({ layout: 'A' });
    expect(s.push(Uint8Array.of(0x05, 1, 2, 3), T0).events).toEqual([]);
    const short = s.push(Uint8Array.of(0x02, 0x03, 0x5d, 0x51, 0x31, 0x41), T0 + 1).events;
    expect(short).toMatchObject([{ type: 'error', code: 'bad-frame' }]);
    const tooLong = new Uint8Array(64);
    tooLong[0] = 2;
    tooLong[1] = 60;
    expect(new HidPosScanner({ layout: 'B' }).push(tooLong, T0).events).toMatchObject([
      { type: 'error', code: 'bad-frame' },
    ]);
  });

  it('flags bytes that are not UTF-8 (a scanner left on a code page) instead of hiding them', () => {
    const latin1 = Uint8Array.from([
      ...utf8Bytes('001090123456||L'),
      0xea,
      ...utf8Bytes(' V'),
      0xe3,
      ...utf8Bytes('n A|01011990|Nam|X|01012021'),
    ]);
    const [scan] = scans(feed(new HidPosScanner({ layout: 'A' }), hidPosReports(latin1, { layout: 'A' })));
    expect(scan.utf8Valid).toBe(false);
    expect(scan.text).toContain('\uFFFD');
  });
});

describe('HID POS scanner, layout B (Newland)', () => {
  it('joins the reports of a CCCD QR with no AIM prefix', () => {
    const run = runTrace(new HidPosScanner({ layout: 'B' }), loadTrace('hidpos-b-cccd-nguyen-thi-hoa.hex'));
    const [scan] = scans(run.events);
    expect(scan.text).toBe(NGUYEN_THI_HOA);
    expect(scan.aim).toBeUndefined();
  });

  it('decodes every split size', () => {
    for (let per = 1; per <= 56; per += 5) {
      const events = feed(
        new HidPosScanner({ layout: 'B' }),
        hidPosReports(LE_VAN_LUONG, { layout: 'B', dataPerReport: per }),
      );
      expect(scans(events)[0].text).toBe(LE_VAN_LUONG);
    }
  });

  it('takes an AIM id transmitted inside the data', () => {
    const [scan] = scans(
      feed(new HidPosScanner({ layout: 'B' }), hidPosReports(`]Q1${LE_VAN_LUONG}`, { layout: 'B' })),
    );
    expect(scan.aim).toBe(']Q1');
    expect(scan.text).toBe(LE_VAN_LUONG);
  });

  it('knows which vendors use which layout', () => {
    expect(hidPosLayoutForVendor(0x0c2e)).toBe('A');
    expect(hidPosLayoutForVendor('23d0')).toBe('A');
    expect(hidPosLayoutForVendor('1eab')).toBe('B');
  });
});
