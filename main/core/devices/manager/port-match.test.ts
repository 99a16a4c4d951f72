import { describe, expect, it } from 'vitest';
import type { PortInfo } from '../transports/list-ports.ts';
import { findPort, matchFromPort } from './port-match.ts';

const ch340 = (path: string, extra: Partial<PortInfo> = {}): PortInfo => ({
  transport: 'serial',
  path,
  name: `USB-SERIAL CH340 (${path})`,
  vendorId: '1a86',
  productId: '7523',
  ...extra,
});

describe('finding a remembered device among the plugged-in ports', () => {
  it('finds a USB-serial scale moved to another socket (new COM number) by its USB ids', () => {
    const remembered = matchFromPort(ch340('COM3', { locationId: 'Port_#0001.Hub_#0001' }));
    const now = [ch340('COM7', { locationId: 'Port_#0003.Hub_#0001' })];
    expect(findPort(remembered, 'serial', now)?.path).toBe('COM7');
  });

  it('tells two identical adapters apart by serial number, then by socket, then by path', () => {
    const a = ch340('COM3', { serialNumber: 'A1', locationId: 'L1' });
    const b = ch340('COM4', { serialNumber: 'B2', locationId: 'L2' });
    expect(findPort(matchFromPort(b), 'serial', [a, b])?.path).toBe('COM4');
    // The other unit of the same model (another serial number) is not ours.
    expect(findPort(matchFromPort(b), 'serial', [a])).toBeNull();
    const noSerial = (p: PortInfo) => ({ ...p, serialNumber: undefined });
    expect(
      findPort(matchFromPort(noSerial(b)), 'serial', [noSerial(a), { ...noSerial(b), path: 'COM9' }])?.path,
    ).toBe('COM9');
    const bare = (p: PortInfo) => ({ ...noSerial(p), locationId: undefined });
    expect(findPort(matchFromPort(bare(b)), 'serial', [bare(a), bare(b)])?.path).toBe('COM4');
  });

  it('skips ports another device already uses, and another transport', () => {
    const a = ch340('COM3');
    const b = ch340('COM4');
    expect(findPort(matchFromPort(a), 'serial', [a, b], { taken: new Set(['COM3']) })?.path).toBe('COM4');
    expect(findPort(matchFromPort(a), 'hid', [a, b])).toBeNull();
  });

  it('matches a port entered by hand by its path only', () => {
    const manual = {
      vendorId: null,
      productId: null,
      serialNumber: null,
      location: null,
      path: '/dev/ttyUSB0',
    };
    expect(findPort(manual, 'serial', [ch340('/dev/ttyUSB1'), ch340('/dev/ttyUSB0')])?.path).toBe(
      '/dev/ttyUSB0',
    );
    expect(findPort(manual, 'serial', [ch340('/dev/ttyUSB1')])).toBeNull();
  });

  it('opens the HID POS interface of a scanner that also shows up as a keyboard', () => {
    const kbd: PortInfo = {
      transport: 'hid',
      path: 'hid-kbd',
      name: 'Honeywell',
      vendorId: '0c2e',
      productId: '0b61',
      usagePage: 1,
    };
    const pos: PortInfo = { ...kbd, path: 'hid-pos', usagePage: 0x8c };
    expect(findPort(matchFromPort(kbd), 'hid', [kbd, pos], { usagePage: 0x8c })?.path).toBe('hid-pos');
  });
});
