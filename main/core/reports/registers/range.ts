import { isoToVn } from '#contract/dates.ts';
import { REGISTER_MAX_DAYS } from '#contract/ops/registers.ts';
import { AppError } from '../../errors.ts';

const DAY_MS = 86_400_000;

/** A register's date range, checked: from ≤ to, at most a year (messages name the field). */
export function checkRange(from: string, to: string): void {
  if (to < from)
    throw new AppError('INVALID_INPUT', {
      message: `Đến ngày ${isoToVn(to)} ở trước Từ ngày ${isoToVn(from)}.`,
      details: {
        issues: [{ path: 'to', message: `Đến ngày ${isoToVn(to)} ở trước Từ ngày ${isoToVn(from)}.` }],
      },
    });
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > REGISTER_MAX_DAYS) {
    const message = `Khoảng ngày dài ${days} ngày: sổ khám bệnh xem tối đa ${REGISTER_MAX_DAYS} ngày một lần.`;
    throw new AppError('INVALID_INPUT', { message, details: { issues: [{ path: 'to', message }] } });
  }
}

/** The first and last day of a month (yyyy-mm). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The day after `day` minus 12 months: the first day of the 12 months ending on `day`. */
export function twelveMonthsEndingOn(day: string): string {
  const t = new Date(`${day}T00:00:00Z`);
  const start = new Date(Date.UTC(t.getUTCFullYear() - 1, t.getUTCMonth(), t.getUTCDate() + 1));
  return start.toISOString().slice(0, 10);
}
