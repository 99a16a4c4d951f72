/** Value formats of the provincial 831 XML (§1.5): dates dd/MM/yyyy, flags "1"/"0". */

/**
 * yyyy-mm-dd (or an ISO timestamp) → dd/MM/yyyy. A year-only birth date (many older residents) is
 * sent as the year alone rather than an invented 01/01: the receiver keeps it as text.
 */
export function xmlDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?/.exec(iso);
  if (!m) return '';
  if (m[2] === undefined || m[3] === undefined) return m[1] ?? '';
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** An ISO timestamp → dd/MM/yyyy HH:mm:ss in Vietnam's time (UTC+7, no daylight saving). */
export function xmlDateTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

export function flag(b: boolean): '1' | '0' {
  return b ? '1' : '0';
}

/** Numbers as the receiver parses them: a dot for decimals, no grouping, empty when unknown. */
export function num(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '' : String(n);
}
