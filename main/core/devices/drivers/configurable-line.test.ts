import { describe, expect, it } from 'vitest';
import { asciiBytes } from '../bytes.ts';
import { andFrame } from '../simulator/frames.ts';
import { feed, readings } from '../test-support/harness.ts';
import { compileLineConfig, ConfigurableLineDriver, matchLine } from './configurable-line.ts';

const line = (s: string) => asciiBytes(`${s}\r\n`);

describe('configurable line driver', () => {
  it('reads a blood-pressure line with named groups', () => {
    const d = new ConfigurableLineDriver({ pattern: 'SYS=(?<sys>\\d+) DIA=(?<dia>\\d+) PUL=(?<pulse>\\d+)' });
    expect(readings(feed(d, [line('SYS=128 DIA=84 PUL=72')]))[0].reading).toEqual({
      kind: 'bp',
      systolic: 128,
      diastolic: 84,
      pulse: 72,
      flags: [],
    });
  });

  it('uses the stable group when present: an A&D-like scale needs no identical frames', () => {
    const d = new ConfigurableLineDriver({ pattern: '^(?:(?<stable>ST)|US),GS,(?<weight>[+-]?[\\d.]+)kg$' });
    const ev = feed(d, [andFrame({ kg: 70, header: 'US' }), andFrame({ kg: 70.5 }), andFrame({ kg: 70.5 })], {
      stepMs: 100,
    });
    expect(readings(ev).map((r) => r.reading)).toEqual([{ kind: 'weight', kg: 70.5, stable: true }]);
  });

  it('without a stable group, a continuous stream needs N identical lines', () => {
    const d = new ConfigurableLineDriver({ pattern: 'W:(?<weight>[\\d.]+)', identicalFrames: 3 });
    const ev = feed(d, ['W:60.1', 'W:60.4', 'W:60.5', 'W:60.5', 'W:60.5', 'W:60.5'].map(line), {
      stepMs: 100,
    });
    expect(readings(ev).map((r) => r.reading)).toEqual([{ kind: 'weight', kg: 60.5, stable: true }]);
  });

  it('on-demand devices emit every printed line; units are converted', () => {
    const d = new ConfigurableLineDriver({
      pattern: '(?<weight>\\d+)g (?<height>\\d+)mm',
      mode: 'on-demand',
      weightUnit: 'g',
      heightUnit: 'mm',
    });
    expect(readings(feed(d, [line('3400g 512mm')]))[0].reading).toEqual({
      kind: 'weight-height',
      kg: 3.4,
      cm: 51.2,
    });
  });

  it('reports an invalid regex as an event, never an exception', () => {
    const d = new ConfigurableLineDriver({ pattern: '(?<sys>\\d+' });
    const start = d.start(0).events;
    expect(start).toMatchObject([{ type: 'error', code: 'invalid-config' }]);
    expect(start[0].type === 'error' && start[0].message).toMatch(/không hợp lệ/);
    expect(() => feed(d, [line('120/80')])).not.toThrow();
  });

  it('validates the configuration with Vietnamese messages', () => {
    const bad = (c: unknown) => {
      const r = compileLineConfig(c);
      return r.ok ? [] : r.errors;
    };
    expect(bad(undefined)[0]).toMatch(/Cần nhập/);
    expect(bad({ pattern: '(?<sys>\\d+)' }).join(' ')).toMatch(/sys và dia/);
    expect(bad({ pattern: '(?<temp>\\d+)' }).join(' ')).toMatch(/không được hỗ trợ/);
    expect(bad({ pattern: '(?<weight>\\d+)', flags: 'g' }).join(' ')).toMatch(/Cờ regex/);
    expect(bad({ pattern: '(?<weight>(a+)+)' }).join(' ')).toMatch(/lồng nhau/);
    expect(bad({ pattern: '(?<weight>\\d+)', suffix: 'x' }).join(' ')).toMatch(/kết thúc dòng/);
    expect(
      bad({
        pattern: '(?<weight>\\d+)',
        settings: { baudRate: 1234, dataBits: 8, parity: 'none', stopBits: 1 },
      }).join(' '),
    ).toMatch(/baud/);
    const good = compileLineConfig({
      pattern: '(?<weight>\\d+)',
      settings: { baudRate: 2400, dataBits: 7, parity: 'even', stopBits: 1 },
    });
    expect(good.ok && good.config.settings).toEqual({
      baudRate: 2400,
      dataBits: 7,
      parity: 'even',
      stopBits: 1,
    });
  });

  it('reports implausible blood pressure and ignores unrelated lines', () => {
    const d = new ConfigurableLineDriver({ pattern: '(?<sys>\\d+)/(?<dia>\\d+)' });
    const ev = feed(d, [line('80/120'), line('DATE 22/11/2026'), line('MODEL X')]);
    expect(ev).toMatchObject([{ type: 'error', code: 'invalid-reading' }]);
    const compiled = compileLineConfig({ pattern: '(?<sys>\\d+)/(?<dia>\\d+)' });
    if (compiled.ok)
      expect(matchLine(compiled.config, '135/85').reading).toMatchObject({
        systolic: 135,
        diastolic: 85,
        pulse: null,
      });
  });
});
