import { vnDay, type Clock } from '../clock.ts';

/** Whole years from a full or year-only birth date to a day (yyyy-mm-dd). Year-only dates count whole calendar years. */
export function ageOn(birthDate: string, onDay: string): number {
  const by = Number(birthDate.slice(0, 4));
  const ty = Number(onDay.slice(0, 4));
  if (birthDate.length === 4) return Math.max(0, ty - by);
  const hadBirthday = onDay.slice(5) >= birthDate.slice(5);
  return Math.max(0, ty - by - (hadBirthday ? 0 : 1));
}

export const todayIn = (clock: Clock): string => vnDay(clock());
