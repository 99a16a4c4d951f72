/** Weight units that scales print, converted to kilograms. */
const KG_PER_UNIT: Readonly<Record<string, number>> = {
  kg: 1,
  g: 0.001,
  t: 1000,
  lb: 0.45359237,
};

/** kg for a value in `unit` (case-insensitive; blank means the indicator is set to kg); null if not a weight unit. */
export function toKg(value: number, unit: string): number | null {
  const u = unit.trim().toLowerCase();
  const factor = u === '' ? 1 : KG_PER_UNIT[u];
  if (factor === undefined || !Number.isFinite(value)) return null;
  return roundKg(value * factor);
}

/** Removes float noise (0.1 + 0.2) without hiding the scale's own resolution (grams). */
export const roundKg = (kg: number): number => Math.round(kg * 100_000) / 100_000;

/** Parses a scale's number field: "+0012.34", "-  1.5", " 000013.5". Null unless it is a number. */
export function parseScaleNumber(text: string): number | null {
  const t = text.replace(/\s+/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}
