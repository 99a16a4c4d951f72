/**
 * A driver a station configures itself, for a device nobody wrote a driver for: serial settings
 * plus a regular expression over one line of the device's output, with named groups
 *   sys, dia, pulse        → a blood-pressure reading
 *   weight, height         → a weight, a height, or both
 *   stable                 → (optional) the line is a stable weight when this group matched
 * e.g. "^(?:(?<stable>ST)|US),GS,\s*(?<weight>[+-]?[\d.]+)\s*kg$". A bad pattern is reported as an
 * `invalid-config` error event — the driver never throws.
 */
import { asciiOf } from '../bytes.ts';
import type { DriverOutput } from '../driver.ts';
import { eventsOnly } from '../driver.ts';
import { errorEvent, readingEvent, type DriverEvent, type Reading } from '../events.ts';
import { looksGarbled } from '../framing/garbage.ts';
import { StableGate } from '../framing/stable-gate.ts';
import { parseScaleNumber, roundKg, toKg } from '../framing/units.ts';
import { plausibleBp } from '../pull/bp-records.ts';
import { checkSerialSettings, SERIAL_8N1_9600, type SerialSettings } from '../settings.ts';
import { LineDriver } from './line-driver.ts';

export interface LineDriverConfig {
  /** The port settings the device uses (the transport opens the port with them). Default 9600 8N1. */
  settings?: SerialSettings;
  pattern: string;
  /** Regex flags; only i, m, s, u are allowed (g and y make a regex stateful). */
  flags?: string;
  /** What ends a line: 'auto' = CR or LF; 'none' = silence of `idleMs`. */
  suffix?: 'auto' | 'cr' | 'lf' | 'none';
  idleMs?: number;
  weightUnit?: 'kg' | 'g' | 'lb';
  heightUnit?: 'cm' | 'mm' | 'm';
  /**
   * 'continuous': the device streams; without a `stable` group a weight counts once
   * `identicalFrames` equal lines came in a row. 'on-demand': each line is a final value (print key).
   */
  mode?: 'continuous' | 'on-demand';
  identicalFrames?: number;
}

export interface CompiledLineConfig {
  regex: RegExp;
  groups: Set<string>;
  suffix: 'auto' | 'cr' | 'lf' | 'none';
  idleMs: number | undefined;
  settings: SerialSettings;
  weightUnit: 'kg' | 'g' | 'lb';
  heightFactor: number;
  identicalFrames: number;
}

const KNOWN_GROUPS = ['sys', 'dia', 'pulse', 'weight', 'height', 'stable'];
const HEIGHT_TO_CM = { cm: 1, mm: 0.1, m: 100 } as const;

/** Checks a configuration from the UI or the database. Errors are Vietnamese, for the form. */
export function compileLineConfig(
  input: unknown,
): { ok: true; config: CompiledLineConfig } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const c = (typeof input === 'object' && input !== null ? input : {}) as Partial<
    Record<keyof LineDriverConfig, unknown>
  >;
  if (typeof c.pattern !== 'string' || !c.pattern.trim())
    return { ok: false, errors: ['Cần nhập biểu thức chính quy (regex) cho một dòng dữ liệu.'] };
  if (c.pattern.length > 500) errors.push('Biểu thức chính quy dài quá 500 ký tự.');
  const flags = c.flags === undefined ? '' : c.flags;
  if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags))
    errors.push('Cờ regex chỉ được dùng i, m, s, u.');
  // Nested quantifiers like (a+)+ can take exponential time on a bad line.
  if (/\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]/.test(c.pattern)) {
    errors.push('Biểu thức có lượng từ lồng nhau (ví dụ (a+)+), có thể làm treo chương trình: hãy viết lại.');
  }
  let regex: RegExp | null = null;
  try {
    regex = new RegExp(c.pattern, typeof flags === 'string' && /^[imsu]*$/.test(flags) ? flags : '');
  } catch (e) {
    errors.push(`Biểu thức chính quy không hợp lệ: ${e instanceof Error ? e.message : String(e)}`);
  }
  const groups = new Set([...c.pattern.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]));
  const unknown = [...groups].filter((g) => !KNOWN_GROUPS.includes(g));
  if (unknown.length)
    errors.push(`Tên nhóm không được hỗ trợ: ${unknown.join(', ')} (chỉ dùng ${KNOWN_GROUPS.join(', ')}).`);
  if (!['sys', 'weight', 'height'].some((g) => groups.has(g)))
    errors.push('Biểu thức phải có ít nhất một nhóm tên: sys và dia, weight, hoặc height.');
  if (groups.has('sys') !== groups.has('dia')) errors.push('Nhóm sys và dia phải đi cùng nhau.');
  const suffix = c.suffix ?? 'auto';
  if (!['auto', 'cr', 'lf', 'none'].includes(suffix as string))
    errors.push('Ký tự kết thúc dòng phải là auto, cr, lf hoặc none.');
  const weightUnit = c.weightUnit ?? 'kg';
  if (!['kg', 'g', 'lb'].includes(weightUnit as string)) errors.push('Đơn vị cân phải là kg, g hoặc lb.');
  const heightUnit = c.heightUnit ?? 'cm';
  if (!['cm', 'mm', 'm'].includes(heightUnit as string))
    errors.push('Đơn vị chiều cao phải là cm, mm hoặc m.');
  const idleMs = c.idleMs === undefined ? (suffix === 'none' ? 100 : undefined) : c.idleMs;
  if (idleMs !== undefined && (typeof idleMs !== 'number' || !(idleMs >= 10 && idleMs <= 5000)))
    errors.push('Thời gian chờ hết dòng phải từ 10 đến 5000 ms.');
  const settings = (c.settings ?? SERIAL_8N1_9600) as SerialSettings;
  if (typeof settings !== 'object' || settings === null) errors.push('Cài đặt cổng không hợp lệ.');
  else errors.push(...checkSerialSettings(settings));
  const mode = c.mode ?? 'continuous';
  if (mode !== 'continuous' && mode !== 'on-demand') errors.push('Chế độ phải là continuous hoặc on-demand.');
  const frames = c.identicalFrames ?? 3;
  if (typeof frames !== 'number' || !Number.isInteger(frames) || frames < 1 || frames > 20)
    errors.push('Số khung giống nhau phải từ 1 đến 20.');
  if (errors.length || !regex) return { ok: false, errors };
  return {
    ok: true,
    config: {
      regex,
      groups,
      suffix: suffix as CompiledLineConfig['suffix'],
      idleMs: idleMs as number | undefined,
      settings,
      weightUnit: weightUnit as CompiledLineConfig['weightUnit'],
      heightFactor: HEIGHT_TO_CM[heightUnit as keyof typeof HEIGHT_TO_CM],
      identicalFrames: groups.has('stable') || mode === 'on-demand' ? 1 : (frames as number),
    },
  };
}

const SUFFIX_BYTES = { auto: [0x0d, 0x0a], cr: [0x0d], lf: [0x0a], none: [] } as const;

/** What one line yields under a configuration: for the "test this pattern" button in settings. */
export function matchLine(
  config: CompiledLineConfig,
  text: string,
): { reading: Reading | null; stable: boolean; problem: string | null } {
  const m = config.regex.exec(text);
  if (!m) return { reading: null, stable: false, problem: 'Dòng không khớp biểu thức.' };
  const g = m.groups ?? {};
  const num = (name: string) => (g[name] === undefined ? null : parseScaleNumber(g[name]));
  const stable = config.groups.has('stable') ? g.stable !== undefined && g.stable !== '' : true;
  if (config.groups.has('sys')) {
    const [sys, dia, pulse] = [num('sys'), num('dia'), num('pulse')];
    if (sys === null || dia === null)
      return { reading: null, stable, problem: 'Không đọc được số huyết áp trong dòng.' };
    if (!plausibleBp(sys, dia, pulse))
      return { reading: null, stable, problem: `Huyết áp ${sys}/${dia} không hợp lý.` };
    return {
      reading: { kind: 'bp', systolic: sys, diastolic: dia, pulse, flags: [] },
      stable,
      problem: null,
    };
  }
  const w = num('weight');
  const h = num('height');
  const kg = w === null ? null : toKg(w, config.weightUnit);
  const cm = h === null ? null : roundKg(h * config.heightFactor);
  if (kg !== null && cm !== null)
    return { reading: { kind: 'weight-height', kg, cm }, stable, problem: null };
  if (kg !== null) return { reading: { kind: 'weight', kg, stable }, stable, problem: null };
  if (cm !== null) return { reading: { kind: 'height', cm }, stable, problem: null };
  return { reading: null, stable, problem: 'Không đọc được số cân/chiều cao trong dòng.' };
}

export class ConfigurableLineDriver extends LineDriver {
  readonly id: string;
  readonly #config: CompiledLineConfig | null;
  readonly #configErrors: string[];
  readonly #gate: StableGate;

  constructor(config: unknown, id = 'custom-line') {
    const compiled = compileLineConfig(config);
    const c = compiled.ok ? compiled.config : null;
    super({ delimiters: SUFFIX_BYTES[c?.suffix ?? 'auto'], idleMs: c?.idleMs });
    this.id = id;
    this.#config = c;
    this.#configErrors = compiled.ok ? [] : compiled.errors;
    this.#gate = new StableGate({ identicalFrames: c?.identicalFrames ?? 1 });
  }

  override start(now: number): DriverOutput {
    return eventsOnly(this.#configProblem(now));
  }

  override push(chunk: Uint8Array, at: number): DriverOutput {
    if (!this.#config) return eventsOnly(this.#configProblem(at));
    return super.push(chunk, at);
  }

  protected override resetState(): void {
    this.#gate.reset();
  }

  protected onLine(line: Uint8Array, at: number): DriverEvent[] {
    const config = this.#config;
    if (!config) return [];
    const { reading, stable, problem } = matchLine(config, asciiOf(line).trim());
    if (!reading) {
      if (looksGarbled(line)) return this.unreadable(line, at, 'line did not match and looks like noise');
      // Devices print other lines too (headers, dates): only a matching line that fails to decode is an error.
      return problem && problem !== 'Dòng không khớp biểu thức.'
        ? this.errors.pass(
            errorEvent(
              'invalid-reading',
              problem,
              'configured pattern matched but values are unusable',
              at,
              line,
            ),
          )
        : [];
    }
    if (reading.kind === 'bp') return [readingEvent(reading, line, at)];
    const value = reading.kind === 'height' ? reading.cm : reading.kg;
    if (!this.#gate.offer(value, stable, at)) return [];
    return [readingEvent(reading.kind === 'weight' ? { ...reading, stable: true } : reading, line, at)];
  }

  #configProblem(at: number): DriverEvent[] {
    if (this.#config) return [];
    return this.errors.pass(
      errorEvent(
        'invalid-config',
        `Cấu hình thiết bị tự khai báo chưa đúng: ${this.#configErrors.join(' ')}`,
        'invalid configurable-line driver config',
        at,
      ),
    );
  }
}
