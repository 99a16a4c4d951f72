/** Times on the "Đồng bộ" screen: the station's local time, dd/mm/yyyy hh:mm. */
export function whenText(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** yyyy-mm-dd → dd/mm. */
export function dayText(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[2]}/${m[1]}` : day;
}

/**
 * True when the last successful upload is older than 24 hours. A station that never uploaded is not
 * "stale" (it may have been switched on a minute ago): the badge says "chưa gửi được lần nào" instead.
 */
export function isStale(lastSuccessAt: string | null, now = Date.now()): boolean {
  return lastSuccessAt !== null && now - Date.parse(lastSuccessAt) > 24 * 3600_000;
}
