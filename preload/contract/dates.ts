/**
 * Dates as Vietnamese users read them: dd/mm/yyyy, or just the year when only the year of birth is
 * known. The core stores ISO (yyyy-mm-dd or yyyy); both the core's messages and the UI print them
 * with this one function.
 */
export function isoToVn(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}$/.test(iso)) return iso;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
