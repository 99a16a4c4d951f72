import { describe, expect, it } from 'vitest';
import { hidDeviceInfo, listPorts, serialPortInfo } from './list-ports.ts';

describe('listPorts', () => {
  it('never throws on this machine, whatever hardware or udev it has', async () => {
    const listing = await listPorts();
    expect(Array.isArray(listing.ports)).toBe(true);
    expect(Array.isArray(listing.problems)).toBe(true);
  });

  it('normalises Windows serial ports: lower-case ids, friendly name, pnpId and location', async () => {
    const listing = await listPorts({
      serial: async () => [
        {
          path: 'COM3',
          manufacturer: 'wch.cn',
          vendorId: '1A86',
          productId: '7523',
          pnpId: 'USB\\VID_1A86&PID_7523\\5&2A1B3C&0&2',
          locationId: 'Port_#0002.Hub_#0001',
          friendlyName: 'USB-SERIAL CH340 (COM3)',
        },
        { path: '/dev/ttyS0' },
      ],
      hid: async () => [],
    });
    expect(listing.ports).toEqual([
      {
        transport: 'serial',
        path: 'COM3',
        name: 'USB-SERIAL CH340 (COM3)',
        manufacturer: 'wch.cn',
        vendorId: '1a86',
        productId: '7523',
        pnpId: 'USB\\VID_1A86&PID_7523\\5&2A1B3C&0&2',
        locationId: 'Port_#0002.Hub_#0001',
      },
      { transport: 'serial', path: '/dev/ttyS0', name: '/dev/ttyS0' },
    ]);
  });

  it('labels a HID POS scanner and keeps one entry per top-level collection', async () => {
    const listing = await listPorts({
      serial: async () => [],
      hid: async () => [
        {
          vendorId: 0x0c2e,
          productId: 0x0b61,
          path: '\\\\?\\hid#vid_0c2e&pid_0b61&mi_00#kbd',
          manufacturer: 'Honeywell',
          product: '1950g',
          usagePage: 0x01,
          usage: 0x06,
          interface: 0,
        },
        {
          vendorId: 0x0c2e,
          productId: 0x0b61,
          path: '\\\\?\\hid#vid_0c2e&pid_0b61&mi_01#pos',
          manufacturer: 'Honeywell',
          product: '1950g',
          usagePage: 0x8c,
          usage: 0x02,
          interface: 1,
          serialNumber: '19123B4567\0',
        },
        { vendorId: 0x0590, productId: 0x0028 },
      ],
    });
    expect(listing.ports.map((p) => p.name)).toEqual(['Honeywell 1950g', 'Honeywell 1950g — HID POS']);
    expect(listing.ports[1]).toMatchObject({
      vendorId: '0c2e',
      productId: '0b61',
      usagePage: 0x8c,
      usage: 2,
      serialNumber: '19123B4567',
    });
  });

  it('reports a failing source in `problems` and still lists the other', async () => {
    const listing = await listPorts({
      serial: async () => Promise.reject(new Error('spawn udevadm ENOENT')),
      hid: async () => [{ vendorId: 1, productId: 2, path: 'x' }],
    });
    expect(listing.ports).toHaveLength(1);
    expect(listing.problems[0]).toMatch(/udevadm/);
  });

  it('builds names when the OS gives little', () => {
    expect(serialPortInfo({ path: 'COM9', manufacturer: 'FTDI' }).name).toBe('FTDI (COM9)');
    expect(hidDeviceInfo({ vendorId: 0x04b4, productId: 0x5500, path: 'p' })?.name).toBe('HID 04b4:5500');
  });
});
