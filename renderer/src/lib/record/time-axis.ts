/**
 * A time axis for record charts: days placed by their date (so a seven-year absence looks seven
 * years long), and ticks that suit the span: days for a few weeks, months for up to three years,
 * years beyond.
 */

const DAY = 86_400_000;

/** "2023-09-15" → milliseconds at UTC midnight; NaN when it is not a full date. */
export function dayMs(iso: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : Number.NaN;
}

/**
 * The span the axis shows: the readings plus a margin on each side, so no point sits on the frame.
 * A single day gets a month either side, which puts it in the middle.
 */
export function timeDomain(times: readonly number[]): [number, number] {
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const pad = Math.max((hi - lo) * 0.03, hi === lo ? 30 * DAY : 10 * DAY);
  return [lo - pad, hi + pad];
}

export interface TimeTick {
  t: number;
  label: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const utc = (y: number, m: number, d = 1) => Date.UTC(y, m, d);

/** Ticks inside [t0, t1], at most about `max` of them, labelled the way Vietnamese dates are written. */
export function timeTicks(t0: number, t1: number, max = 8): TimeTick[] {
  const days = (t1 - t0) / DAY;
  const start = new Date(t0);
  const ticks: TimeTick[] = [];
  if (days <= 62) {
    const step = [1, 2, 7, 14].find((s) => days / s <= max) ?? 14;
    for (
      let t = utc(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + 1);
      t <= t1;
      t += step * DAY
    ) {
      const d = new Date(t);
      ticks.push({ t, label: `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}` });
    }
  } else if (days <= 3 * 366) {
    const months = days / 30.4;
    const step = [1, 2, 3, 6].find((s) => months / s <= max) ?? 6;
    // Months whose number is a multiple of the step (Jan, Apr, Jul, Oct for 3), from the first one inside.
    let y = start.getUTCFullYear();
    let m = start.getUTCMonth() + 1;
    for (; ; m++) {
      if (m > 11) {
        y += 1;
        m = 0;
      }
      const t = utc(y, m);
      if (t > t1) break;
      if (t >= t0 && m % step === 0) ticks.push({ t, label: `${pad2(m + 1)}/${y}` });
    }
  } else {
    const years = days / 365.25;
    const step = [1, 2, 5, 10, 20].find((s) => years / s <= max) ?? 20;
    for (let y = Math.ceil(start.getUTCFullYear() / step) * step; utc(y, 0) <= t1; y += step) {
      if (utc(y, 0) >= t0) ticks.push({ t: utc(y, 0), label: String(y) });
    }
  }
  return ticks;
}
