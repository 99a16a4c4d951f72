import { describe, expect, it } from 'vitest';
import { checkSerialSettings } from '../settings.ts';
import { createDriver, driverInfo, isDriverId, listDrivers, suggestDrivers } from './index.ts';

describe('driver registry', () => {
  it('lists every driver with a Vietnamese name, a kind and a transport; serial ones with valid settings', () => {
    const all = listDrivers();
    expect(all.map((d) => d.id)).toEqual([
      'scanner-hidpos-a',
      'scanner-hidpos-b',
      'scanner-serial',
      'bp-omron-it',
      'bp-omron-7322u',
      'bp-omron-7131u',
      'bp-microlife',
      'bp-beurer-hid',
      'bp-beurer-serial',
      'scale-and',
      'scale-cas22',
      'scale-mt-sics',
      'scale-toledo-continuous',
      'scale-tanita',
      'custom-line',
    ]);
    for (const d of all) {
      expect(d.name.length).toBeGreaterThan(5);
      if (d.transport === 'serial') expect(checkSerialSettings(d.serialSettings ?? {}), d.id).toEqual([]);
      else expect(d.serialSettings).toBeUndefined();
      expect(d).not.toHaveProperty('create');
    }
    expect(driverInfo('bp-beurer-serial')?.serialSettings).toEqual({
      baudRate: 4800,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
    });
  });

  it('creates each driver with its registry id, ignoring options it does not know or that are invalid', () => {
    for (const d of listDrivers()) {
      const made = createDriver(d.id, { layout: 'Z', banks: ['x'], minKg: -5, whatever: 1 });
      expect(made.ok).toBe(true);
      if (made.ok) {
        expect(made.driver.id).toBe(d.id);
        expect(made.driver.pull).toBe(d.pull);
      }
    }
    expect(createDriver('nope')).toEqual({ ok: false, error: 'Không có trình điều khiển thiết bị «nope».' });
    expect(createDriver('scale-and', 'not an object').ok).toBe(true);
    expect(isDriverId('scale-tanita')).toBe(true);
  });

  it('suggests drivers from USB ids and the HID POS usage page, most specific first', () => {
    expect(
      suggestDrivers({ transport: 'hid', vendorId: '0590', productId: '0090' }).map((d) => d.id),
    ).toEqual(['bp-omron-7322u', 'bp-omron-7131u']);
    expect(
      suggestDrivers({ transport: 'hid', vendorId: '0C2E', productId: '0b61', usagePage: 0x8c }).map(
        (d) => d.id,
      ),
    ).toEqual(['scanner-hidpos-a', 'scanner-hidpos-b']);
    expect(
      suggestDrivers({ transport: 'hid', vendorId: '1eab', productId: '0d10', usagePage: 0x8c })[0].id,
    ).toBe('scanner-hidpos-b');
    expect(
      suggestDrivers({ transport: 'hid', vendorId: '1234', productId: '5678', usagePage: 0x01 }),
    ).toEqual([]);
    expect(suggestDrivers({ transport: 'serial', vendorId: '1a86', productId: '7523' })).toEqual([]);
  });
});
