/**
 * A dose's age rule in the words the catalogue screen shows ("2 tháng tuổi (sớm nhất 6 tuần) ·
 * cách Rota liều 1 ≥ 28 ngày · không tiêm từ 32 tuần"), so a station switching a roadmap vaccine on
 * sees what it will schedule.
 */
import type { Span } from './dates.ts';
import type { VaccineDose } from './vaccines.ts';

export function spanText(s: Span): string {
  const parts: string[] = [];
  if (s.years) parts.push(`${s.years} năm`);
  if (s.months) parts.push(`${s.months} tháng`);
  if (s.weeks) parts.push(`${s.weeks} tuần`);
  if (s.days) parts.push(`${s.days} ngày`);
  return parts.length ? parts.join(' ') : '0 ngày';
}

const ageText = (s: Span): string =>
  !s.years && !s.months && !s.weeks && !s.days ? 'ngay sau sinh' : `${spanText(s)} tuổi`;

export function describeAgeRule(d: VaccineDose, byCode: ReadonlyMap<string, VaccineDose>): string {
  const parts: string[] = [];
  if (d.recommendedAge) {
    parts.push(ageText(d.recommendedAge) + (d.minAge ? ` (sớm nhất ${spanText(d.minAge)} tuổi)` : ''));
  } else if (d.minAge) parts.push(`từ ${spanText(d.minAge)} tuổi`);
  if (d.after) {
    const prev = byCode.get(d.after.code)?.name ?? d.after.code;
    parts.push(`cách ${prev} ≥ ${spanText(d.after.minInterval)}`);
  }
  if (d.tooLateFromAge) parts.push(`không tiêm từ ${spanText(d.tooLateFromAge)} tuổi`);
  if (d.sex === 'F') parts.push(d.group === 3 ? 'phụ nữ có thai' : 'nữ');
  if (parts.length === 0) return d.group === 3 ? 'khi có thai' : 'theo chỉ định';
  return parts.join(' · ');
}
