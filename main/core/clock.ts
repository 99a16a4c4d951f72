/** The current time, injectable so tests can travel through idle timeouts and schedule dates. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
export const isoNow = (clock: Clock): string => clock().toISOString();

const VN_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day in Vietnam (UTC+7, no daylight saving) for an instant. "Today", visit dates and
 * ages use this, never the UTC date: at 6 a.m. in a station it is still yesterday in UTC.
 */
export function vnDay(date: Date): string {
  return VN_DAY.format(date);
}
