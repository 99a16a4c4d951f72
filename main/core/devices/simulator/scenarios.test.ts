import { describe, expect, it } from 'vitest';
import { createDriver } from '../drivers/index.ts';
import type { DriverEvent } from '../events.ts';
import { label, T0 } from '../test-support/harness.ts';
import { scenarioFrames, type ScenarioSpec } from './scenarios.ts';

/** Plays a scenario into a fresh driver with its own timing, and labels what came out. */
function play(driverId: string, spec: ScenarioSpec): unknown[] {
  const made = createDriver(driverId);
  const sc = scenarioFrames(driverId, spec);
  if (!made.ok || !sc.ok) throw new Error('setup');
  let t = T0;
  const events: DriverEvent[] = [];
  for (const f of sc.frames) {
    t += f.delayMs;
    events.push(...made.driver.tick(t).events, ...made.driver.push(f.bytes, t).events);
  }
  events.push(...made.driver.tick(t + 1000).events);
  return events.filter((e) => e.type !== 'status').map(label);
}

describe('simulator scenarios', () => {
  it('every streaming scale decodes its own scenario to exactly one stable reading', () => {
    for (const id of ['scale-and', 'scale-cas22', 'scale-toledo-continuous', 'scale-mt-sics']) {
      expect(play(id, { kind: 'weight', kg: 63.7 }), id).toEqual([
        { kind: 'weight', kg: 63.7, stable: true },
      ]);
    }
    expect(play('scale-tanita', { kind: 'weight-height', kg: 52.3, cm: 158.5 })).toEqual([
      { kind: 'weight-height', kg: 52.3, cm: 158.5 },
    ]);
    expect(play('scale-tanita', { kind: 'weight', kg: 3.972 })).toEqual([
      { kind: 'weight', kg: 3.972, stable: true },
    ]);
  });

  it('every scanner decodes its own scan', () => {
    for (const id of ['scanner-hidpos-a', 'scanner-hidpos-b', 'scanner-serial'])
      expect(play(id, { kind: 'scan', text: 'Lê Việt Hưng' }), id).toEqual(['scan']);
  });

  it('refuses what a device cannot produce', () => {
    expect(scenarioFrames('bp-omron-it', { kind: 'weight', kg: 1 }).ok).toBe(false);
    expect(scenarioFrames('scale-and', { kind: 'height', cm: 100 }).ok).toBe(false);
    expect(scenarioFrames('scale-and', { kind: 'scan', text: 'x' }).ok).toBe(false);
  });
});
