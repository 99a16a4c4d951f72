import { describe, expect, it } from 'vitest';
import { StableGate } from './stable-gate.ts';

const run = (gate: StableGate, frames: [number, boolean, number][]) =>
  frames.filter(([kg, stable, at]) => gate.offer(kg, stable, at)).map(([kg]) => kg);

describe('StableGate', () => {
  it('with a device flag: one reading per settled weight in a continuous stream', () => {
    expect(
      run(new StableGate(), [
        [50, false, 0],
        [60, true, 100],
        [60, true, 200],
        [60, false, 300],
        [60, true, 400],
        [61, true, 500],
      ]),
    ).toEqual([60, 61]);
  });

  it('flagless: N identical frames in a row', () => {
    const g = new StableGate({ identicalFrames: 3 });
    expect(
      run(g, [
        [60.1, true, 0],
        [60.2, true, 100],
        [60.2, true, 200],
        [60.2, true, 300],
        [60.2, true, 400],
      ]),
    ).toEqual([60.2]);
  });

  it('an empty scale re-arms the same weight; a print key pressed later re-sends it', () => {
    const g = new StableGate();
    expect(
      run(g, [
        [70, true, 0],
        [0, true, 100],
        [70, true, 200],
      ]),
    ).toEqual([70, 70]);
    expect(run(g, [[70, true, 5000]])).toEqual([70]);
  });
});
