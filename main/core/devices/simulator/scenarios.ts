/**
 * What a device sends for one measurement or scan, as timed frames: the settling stream of a
 * scale, the reports of a HID POS scan. For `hssk` device simulation and demos — write them into a
 * pty with `playFrames`. Pull devices (BP monitors, MT-SICS on request) answer commands instead:
 * use responder.ts for those.
 */
import type { Transport } from '../transport.ts';
import {
  andFrame,
  cas22Frame,
  chunked,
  hidPosReports,
  serialScanBytes,
  sicsLine,
  tanitaLine,
  toledoFrame,
} from './frames.ts';

export type ScenarioSpec =
  | { kind: 'scan'; text: string }
  | { kind: 'weight'; kg: number }
  | { kind: 'height'; cm: number }
  | { kind: 'weight-height'; kg: number; cm: number };

export interface TimedFrame {
  /** Pause before this frame (ms). */
  delayMs: number;
  bytes: Uint8Array;
}

/** A person stepping on: a few unstable values climbing to the weight, then the stable one three times. */
function settling(
  kg: number,
  unstable: (v: number) => Uint8Array,
  stable: (v: number) => Uint8Array,
  everyMs: number,
): TimedFrame[] {
  const climb = [0.35, 0.8, 0.97].map((f) => Math.round(kg * f * 10) / 10);
  return [
    ...climb.map((v) => ({ delayMs: everyMs, bytes: unstable(v) })),
    ...[1, 2, 3].map(() => ({ delayMs: everyMs, bytes: stable(kg) })),
  ];
}

export function scenarioFrames(
  driverId: string,
  spec: ScenarioSpec,
): { ok: true; frames: TimedFrame[] } | { ok: false; error: string } {
  const no = (why: string) => ({ ok: false as const, error: why });
  const frames = (f: TimedFrame[]) => ({ ok: true as const, frames: f });
  if (spec.kind === 'scan') {
    if (driverId === 'scanner-hidpos-a' || driverId === 'scanner-hidpos-b') {
      const layout = driverId.endsWith('a') ? 'A' : 'B';
      return frames(hidPosReports(`${spec.text}\r\n`, { layout }).map((bytes) => ({ delayMs: 8, bytes })));
    }
    if (driverId === 'scanner-serial')
      return frames(
        chunked(serialScanBytes(spec.text, '\r\n'), [64]).map((bytes) => ({ delayMs: 2, bytes })),
      );
    return no(`${driverId} is not a scanner`);
  }
  if (driverId === 'scale-tanita') {
    const model = spec.kind === 'weight' ? 'BD-815' : 'WB-3000';
    const line =
      spec.kind === 'weight'
        ? tanitaLine({ model, grams: spec.kg * 1000 })
        : tanitaLine({
            model,
            ...(spec.kind === 'weight-height'
              ? { weightKg: spec.kg, heightCm: spec.cm }
              : { heightCm: spec.cm }),
          });
    return frames([
      { delayMs: 0, bytes: line },
      { delayMs: 100, bytes: Uint8Array.of(0x00) }, // the WB-3000's stray byte
    ]);
  }
  if (spec.kind !== 'weight') return no(`${driverId} does not measure height`);
  switch (driverId) {
    case 'scale-and':
      return frames(
        settling(
          spec.kg,
          (v) => andFrame({ kg: v, header: 'US' }),
          (v) => andFrame({ kg: v }),
          150,
        ),
      );
    case 'scale-cas22':
      return frames(
        settling(
          spec.kg,
          (v) => cas22Frame({ kg: v, stable: false }),
          (v) => cas22Frame({ kg: v }),
          150,
        ),
      );
    case 'scale-toledo-continuous':
      return frames(
        settling(
          spec.kg,
          (v) => toledoFrame({ kg: v, motion: true }),
          (v) => toledoFrame({ kg: v }),
          140,
        ),
      );
    case 'scale-mt-sics':
      return frames(
        settling(
          spec.kg,
          (v) => sicsLine({ stable: false, kg: v }),
          (v) => sicsLine({ stable: true, kg: v }),
          200,
        ),
      );
    default:
      return no(`${driverId} has no streaming scenario (pull devices answer commands: use createResponder)`);
  }
}

/** Writes timed frames in order (e.g. into the device end of a pty pair). Stops early on `signal`. */
export async function playFrames(
  transport: Pick<Transport, 'write'>,
  frames: readonly TimedFrame[],
  signal?: AbortSignal,
): Promise<void> {
  for (const f of frames) {
    if (signal?.aborted) return;
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    await transport.write(f.bytes);
  }
}
