/**
 * Tanita "header,value" CSV output, sent once per measurement (no stability flag: the scale
 * sends only its final, held value):
 *   {0,16,~0,1,~1,1,~2,1,MO,"WB-3000",Hm,170.5,Wk,65.2,MI,22.4,CS,5B CR LF
 *   {0,16,~0,1,MO,"BD-815",Wg,3972 CR LF            (infant scale: grams)
 * Wk kg, Wg g, Wp lb, Hm height cm, MI BMI. Gg (weight gain) and Rg (a recalled memory) are not
 * new measurements and are ignored. The WB-3000 sends a stray byte ~0.1 s after each frame; the
 * line framing drops it. CS is not verified: its algorithm is not published. (devices-protocols.md §3.4)
 */
import { asciiOf } from '../bytes.ts';
import { errorEvent, MSG, readingEvent, type DriverEvent, type Reading } from '../events.ts';
import { parseScaleNumber, roundKg, toKg } from '../framing/units.ts';
import { LineDriver } from './line-driver.ts';

export interface TanitaRecord {
  model: string | null;
  fields: Record<string, string>;
}

/** Key/value pairs of one Tanita line; null when the line is not Tanita output. */
export function parseTanitaLine(text: string): TanitaRecord | null {
  const start = text.indexOf('{0');
  if (start < 0) return null;
  const tokens = text.slice(start + 1).split(',');
  const fields: Record<string, string> = {};
  // The leading "0,16,~0,1,~1,1,…" tokens are output-format options, not data, and their number
  // varies by model: walk token by token and take a value after each two-letter header.
  for (let i = 0; i < tokens.length;) {
    const key = tokens[i].trim();
    if (/^[A-Za-z]{2}$/.test(key) && i + 1 < tokens.length) {
      fields[key] = tokens[i + 1].trim().replace(/^"|"$/g, '');
      i += 2;
    } else i++;
  }
  return { model: fields.MO ?? null, fields };
}

/** Overload and error readouts: dashes or letters where the number should be. */
const isOverloadValue = (v: string): boolean => /^(-{2,}|OL|oL|Err?.*|EEEE)$/i.test(v.trim());

export class TanitaScale extends LineDriver {
  readonly id: string;

  constructor(id = 'scale-tanita') {
    // Body-composition models print every segment on one line: several hundred bytes.
    super({ maxLength: 2048 });
    this.id = id;
  }

  protected onLine(line: Uint8Array, at: number): DriverEvent[] {
    const rec = parseTanitaLine(asciiOf(line));
    if (!rec) return this.unreadable(line, at, 'not a Tanita "{0,16,…" record');
    const f = rec.fields;
    const weightKey = ['Wk', 'Wg', 'Wp'].find((k) => k in f);
    const weightText = weightKey ? f[weightKey] : undefined;
    if (
      (weightText !== undefined && isOverloadValue(weightText)) ||
      (f.Hm !== undefined && isOverloadValue(f.Hm))
    ) {
      return this.errors.pass(
        errorEvent('overload', MSG.overload, `Tanita ${rec.model ?? ''} overload readout`, at, line),
      );
    }
    const weightValue = weightText === undefined ? null : parseScaleNumber(weightText);
    const kg =
      weightValue === null
        ? null
        : toKg(weightValue, weightKey === 'Wg' ? 'g' : weightKey === 'Wp' ? 'lb' : 'kg');
    const cm = f.Hm === undefined ? null : parseScaleNumber(f.Hm);
    const bmi = f.MI === undefined ? null : parseScaleNumber(f.MI);
    if ((weightText !== undefined && kg === null) || (f.Hm !== undefined && cm === null)) {
      return this.unreadable(line, at, 'Tanita record with an unreadable Wk/Wg/Hm value');
    }
    let reading: Reading;
    if (kg !== null && cm !== null)
      reading = { kind: 'weight-height', kg, cm: roundKg(cm), ...(bmi !== null ? { bmi } : {}) };
    else if (kg !== null) reading = { kind: 'weight', kg, stable: true };
    else if (cm !== null) reading = { kind: 'height', cm: roundKg(cm) };
    else return []; // Gg / Rg / settings-only records
    if ((kg !== null && kg <= 0) || (cm !== null && cm <= 0)) return [];
    return [readingEvent(reading, line, at)];
  }
}
