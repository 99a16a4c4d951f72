/**
 * Mid-upper-arm circumference (MUAC) of a child 6–59 months old, by the WHO/UNICEF cut-offs that
 * Vietnam's acute-malnutrition guidance uses (Bộ Y tế, QĐ 4487/QĐ-BYT 2016, "Hướng dẫn chẩn đoán và
 * điều trị bệnh suy dinh dưỡng cấp tính ở trẻ em từ 0 đến 72 tháng tuổi"): under 115 mm is severe
 * acute malnutrition, 115 mm up to (not including) 125 mm moderate, 125 mm and over normal. Outside
 * 6–59 months the cut-offs do not apply and nothing is classed.
 */

export interface MuacClass {
  severity: 'normal' | 'moderate' | 'severe';
  label: string;
}

export const MUAC_SEVERE_BELOW_MM = 115;
export const MUAC_MODERATE_BELOW_MM = 125;

/** The class of a MUAC at an age in completed months, or null when the cut-offs do not apply. */
export function classifyMuac(muacMm: number, ageMonths: number): MuacClass | null {
  if (!Number.isFinite(muacMm) || muacMm <= 0 || ageMonths < 6 || ageMonths >= 60) return null;
  if (muacMm < MUAC_SEVERE_BELOW_MM)
    return { severity: 'severe', label: 'Suy dinh dưỡng cấp tính nặng (MUAC < 115 mm)' };
  if (muacMm < MUAC_MODERATE_BELOW_MM)
    return { severity: 'moderate', label: 'Suy dinh dưỡng cấp tính vừa (MUAC 115–124 mm)' };
  return { severity: 'normal', label: 'Bình thường (MUAC ≥ 125 mm)' };
}
