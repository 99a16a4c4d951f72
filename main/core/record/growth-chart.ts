import type { z } from 'zod';
import type { ChartCurves } from '#contract/ops/record.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { loadPerson } from '../registry/persons.ts';
import { daysBetween } from './rules/dates.ts';
import { DAYS_PER_MONTH } from './rules/growth.ts';
import { growthCurves, type ChartIndicator } from './rules/growth-chart.ts';
import { visitSummaries } from './visits.ts';

type Curves = z.output<typeof ChartCurves>;

/** The WHO curves for the child's sex, with the child's own measurements as points. */
export function growthChart(ctx: CoreContext, personId: string, indicator: ChartIndicator): Curves {
  const person = loadPerson(ctx, personId);
  if (person.birthDate.length !== 10)
    throw new AppError('INVALID_INPUT', { message: 'Cần ngày sinh đầy đủ để vẽ biểu đồ tăng trưởng.' });
  const curves = growthCurves(ctx.clinical.growth, indicator, person.sex);
  if (!curves.ok) throw new AppError('INVALID_INPUT', { message: curves.message });
  const visits = visitSummaries(ctx, personId).filter((v) => v.status === 'signed');
  const points = visits.flatMap((v) => {
    const months = (daysBetween(person.birthDate, v.visitOn) ?? 0) / DAYS_PER_MONTH;
    const bmi = v.weightKg && v.heightCm ? v.weightKg / (v.heightCm / 100) ** 2 : null;
    const xy =
      indicator === 'wfa'
        ? [months, v.weightKg]
        : indicator === 'lhfa'
          ? [months, v.heightCm]
          : indicator === 'bfa'
            ? [months, bmi]
            : [v.heightCm, v.weightKg];
    return xy[0] !== null && xy[1] !== null
      ? [{ x: Math.round((xy[0] as number) * 100) / 100, y: xy[1] as number, visitOn: v.visitOn }]
      : [];
  });
  return { indicator, xUnit: curves.xUnit, x: curves.x, sd: curves.sd, points: points.reverse() };
}
