/**
 * Children under 5 and their nutrition at their last measurement: the weight and length/height of
 * their latest signed exam that has either, scored with WHO's z-scores (record/rules/growth.ts).
 * Below −2 SD of weight-for-age is underweight (nhẹ cân), of height-for-age stunting (thấp còi), of
 * weight-for-height wasting (gầy còm). Each child's last measurement is read with the child from
 * `last_measurements` (0025), the cache the visits repository keeps at every signature: one join
 * on a small table, not a seek per child into the visits' largest index.
 */
import type { CoreContext } from '../context.ts';
import { assessGrowth, type GrowthIndicator } from '../record/rules/growth.ts';
import { shiftMonths, villageParam, villageSql } from './scope.ts';

export type Shortfall = 'wfa' | 'lhfa' | 'wflh';

export const SHORTFALL_TEXT: Readonly<Record<Shortfall, string>> = {
  wfa: 'Nhẹ cân (cân nặng/tuổi)',
  lhfa: 'Thấp còi (chiều cao/tuổi)',
  wflh: 'Gầy còm (cân nặng/chiều cao)',
};

export interface ChildGrowth {
  personId: string;
  measuredOn: string | null;
  /** Each indicator below −2 SD, with its z-score. */
  below: { indicator: Shortfall; z: number }[];
}

interface ChildRow {
  id: string;
  sex: 'M' | 'F';
  birth_date: string;
  visit_on: string | null;
  weight_kg: number | null;
  height_cm: number | null;
  position: string | null;
}

const SHORTFALLS: readonly Shortfall[] = ['wfa', 'lhfa', 'wflh'];

/** Every active child under 5 (full birth date) in the scope, with their last measurement's shortfalls. */
export function childrenGrowth(ctx: CoreContext, scope: { village?: string; asOf: string }): ChildGrowth[] {
  const children = ctx.store
    .prepare(
      `SELECT p.id, p.sex, p.birth_date, m.visit_on, m.weight_kg, m.height_cm, m.position
       FROM persons p INDEXED BY persons_birth LEFT JOIN last_measurements m ON m.person_id = p.id
       WHERE p.birth_date > @c5 AND p.birth_date <= @asOf AND length(p.birth_date) = 10 AND p.status = 'active'${villageSql(scope)}`,
    )
    .all({ c5: shiftMonths(scope.asOf, -60), asOf: scope.asOf, ...villageParam(scope) }) as ChildRow[];
  return children.map((c) => {
    if (c.visit_on === null) return { personId: c.id, measuredOn: null, below: [] };
    const score = (position: 'lying' | 'standing' | null) =>
      assessGrowth(ctx.clinical.growth, {
        sex: c.sex,
        birthDate: c.birth_date,
        measuredOn: c.visit_on,
        weightKg: c.weight_kg,
        lengthHeightCm: c.height_cm,
        position,
      });
    let g = score(null);
    // How the length was taken moves it by 0.7 cm (about 0.2 SD): taken into account for a child near
    // the line, as the figures have always been computed.
    if (
      g.ok &&
      SHORTFALLS.some(
        (i) => i !== 'wfa' && (g.ok && g.scores[i]?.ok ? (g.scores[i] as { z: number }).z < -1.5 : false),
      )
    ) {
      if (c.position === 'lying' || c.position === 'standing') g = score(c.position);
    }
    const below: ChildGrowth['below'] = [];
    if (g.ok)
      for (const indicator of SHORTFALLS) {
        const s = g.scores[indicator as GrowthIndicator];
        if (s?.ok && s.z < -2) below.push({ indicator, z: s.z });
      }
    return { personId: c.id, measuredOn: c.visit_on, below };
  });
}

/** "Nhẹ cân (cân nặng/tuổi) −2,41; Thấp còi (chiều cao/tuổi) −2,10". */
export function shortfallText(below: ChildGrowth['below']): string {
  return below
    .map((b) => `${SHORTFALL_TEXT[b.indicator]} ${b.z.toFixed(2).replace('.', ',').replace('-', '−')}`)
    .join('; ');
}
