import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../context.ts';
import { VACCINE_CATALOGUE } from '../record/rules/vaccines.ts';
import { addSpan } from '../record/rules/dates.ts';
import { seedHistory } from '../record/repo/history.ts';
import { seedDoses } from '../record/repo/immunizations.ts';
import { seedRegisters } from '../record/repo/ncd-registers.ts';
import { seedVisits, type SeedVisit } from '../record/repo/visits.ts';
import { personsBulk } from '../registry/repo/persons.ts';
import { Random } from './random.ts';
import { AdultWeight, childBody, medianHeadCm } from './body.ts';

export interface HealthCounts {
  histories: number;
  visits: number;
  immunizations: number;
  ncd: number;
}

/** The first-line drug a commune station gives each NCD register's patients, a month at a time. */
const NCD_MEDICINE = {
  hypertension: { name: 'Amlodipin 5 mg', dose: '1 viên/ngày', days: 30 },
  diabetes: { name: 'Metformin 500 mg', dose: '1 viên × 2 lần/ngày', days: 30 },
} as const;

/** Common reasons for a visit at a commune station, with their ICD-10 code. */
const ACUTE: [string, string, string][] = [
  ['J06.9', 'Nhiễm trùng hô hấp trên cấp, không đặc hiệu', 'Ho, sổ mũi'],
  ['J00', 'Viêm mũi họng cấp [cảm thường]', 'Sổ mũi, đau họng'],
  ['K29.7', 'Viêm dạ dày, không đặc hiệu', 'Đau thượng vị'],
  ['M54.5', 'Đau vùng thắt lưng', 'Đau lưng'],
  ['A09', 'Tiêu chảy và viêm dạ dày ruột do nhiễm trùng', 'Tiêu chảy'],
  ['R51', 'Đau đầu', 'Đau đầu'],
  ['L30.9', 'Viêm da, không đặc hiệu', 'Ngứa, nổi mẩn'],
  ['Z00.0', 'Khám sức khỏe tổng quát', 'Khám sức khỏe định kỳ'],
];

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Median weight (kg) and length/height (cm) of WHO children by month of age, roughly, for plausible growth points. */
function childSize(months: number, sex: 'M' | 'F'): { w: number; h: number } {
  const w =
    months <= 12
      ? 3.3 + months * 0.55
      : months <= 60
        ? 9.6 + (months - 12) * 0.19
        : 18.5 + (months - 60) * 0.2;
  const h =
    months <= 12 ? 50 + months * 2.1 : months <= 60 ? 75.5 + (months - 12) * 0.72 : 110 + (months - 60) * 0.5;
  return sex === 'M' ? { w: w + 0.3, h: h + 0.8 } : { w, h };
}

/**
 * Ten years of health records on top of a seeded commune: part B for about half the adults,
 * hypertension and diabetes registers with monthly follow-ups (roughly the share a station actually
 * manages), occasional acute visits for everyone, and immunisation by the schedule with growth
 * checks for the children. Deterministic like the rest of the seed.
 */
export function seedHealth(
  ctx: CoreContext,
  o: { seed: string; asOf: string; years: number; onProgress?: (c: HealthCounts) => void },
): HealthCounts {
  const rng = new Random(`hssk-health:${o.seed}`);
  // Bodies (weights, a child's centiles) draw from their own stream: the rest of a seed's demo stays as it was.
  const bodyRng = new Random(`hssk-body:${o.seed}`);
  const asOfT = Date.parse(`${o.asOf}T00:00:00Z`);
  const startT = asOfT - o.years * 365.25 * DAY;
  const clinicians = ctx.store
    .prepare(`SELECT id, full_name FROM users WHERE role IN ('clinician', 'admin') ORDER BY username`)
    .all() as {
    id: string;
    full_name: string;
  }[];
  const people = ctx.store
    .prepare(`SELECT id, sex, birth_date, birth_year FROM persons WHERE status = 'active' ORDER BY pk`)
    .all() as {
    id: string;
    sex: 'M' | 'F';
    birth_date: string;
    birth_year: number;
  }[];
  const counts: HealthCounts = { histories: 0, visits: 0, immunizations: 0, ncd: 0 };
  const at = `${o.asOf}T08:00:00.000Z`;

  // Through the record's and registry's seed statements: not marked for upload (a demo is never sent).
  const insVisit = seedVisits(ctx.store);
  const insDose = seedDoses(ctx.store);
  const insHistory = seedHistory(ctx.store);
  const insNcd = seedRegisters(ctx.store);
  const persons = personsBulk(ctx.store, { outbox: false });
  const emptyDoc = (counselling = '', child: { hc?: number; muac?: number } = {}) =>
    JSON.stringify({
      history: '',
      position: '',
      ...(child.hc ? { headCircumferenceCm: child.hc } : {}),
      ...(child.muac ? { muacMm: child.muac } : {}),
      vitalSources: {},
      vision: { rightPlain: '', leftPlain: '', rightGlasses: '', leftGlasses: '', wearsGlasses: false },
      exam: {},
      conclusion: '',
      counselling,
    });

  const visit = (
    personId: string,
    dayT: number,
    v: {
      reason: string;
      pulse?: number;
      temp?: number;
      sys?: number;
      dia?: number;
      w?: number;
      h?: number;
      hc?: number;
      muac?: number;
      dx?: [string, string];
      counselling?: string;
      followUp?: string;
      treatment?: SeedVisit['treatment'];
    },
  ): string => {
    const id = randomUUID();
    const day = iso(dayT);
    const doc = rng.pick(clinicians);
    const bmi = v.w && v.h ? Math.round((v.w / (v.h / 100) ** 2) * 10) / 10 : null;
    const bp =
      v.sys && v.dia
        ? v.sys >= 180 || v.dia >= 110
          ? 'grade-3'
          : v.sys >= 160 || v.dia >= 100
            ? 'grade-2'
            : v.sys >= 140 || v.dia >= 90
              ? 'grade-1'
              : 'normal'
        : null;
    const signed = `${day}T09:00:00.000Z`;
    insVisit({
      id,
      personId,
      visitOn: day,
      reason: v.reason,
      pulse: v.pulse ?? null,
      temperatureC: v.temp ?? null,
      systolic: v.sys ?? null,
      diastolic: v.dia ?? null,
      weightKg: v.w ?? null,
      heightCm: v.h ?? null,
      bmi,
      bpCategory: bp,
      data: emptyDoc(v.counselling, { hc: v.hc, muac: v.muac }),
      followUpOn: v.followUp ?? null,
      examiner: { id: doc.id, name: doc.full_name },
      signedAt: signed,
      diagnosis: v.dx ? { code: v.dx[0], name: v.dx[1] } : null,
      treatment: v.treatment,
    });
    counts.visits += 1;
    return day;
  };

  const tcmr = VACCINE_CATALOGUE.filter(
    (d) => d.group === 1 && d.rollout !== 'regional' && d.recommendedAge && !d.sex,
  );
  let batch = 0;
  const flushEvery = 400;
  let tx = false;
  const begin = () => {
    if (!tx) {
      ctx.store.raw.exec('BEGIN IMMEDIATE');
      tx = true;
    }
  };
  const commit = () => {
    if (tx) {
      ctx.store.raw.exec('COMMIT');
      tx = false;
      o.onProgress?.(counts);
    }
  };
  const synchronous = ctx.store.raw.pragma('synchronous', { simple: true });
  ctx.store.raw.pragma('synchronous = OFF');
  try {
    for (const p of people) {
      begin();
      const age = Math.floor(
        (asOfT -
          Date.parse(`${p.birth_date.length === 4 ? `${p.birth_date}-07-01` : p.birth_date}T00:00:00Z`)) /
          (365.25 * DAY),
      );
      let last: string | null = null;
      const note = (d: string) => {
        if (!last || d > last) last = d;
      };

      // Registers: the share of adults a station manages, rising with age.
      const htn = age >= 35 && rng.chance(age >= 70 ? 0.2 : age >= 60 ? 0.15 : age >= 50 ? 0.09 : 0.04);
      const dm = age >= 35 && rng.chance(age >= 60 ? 0.05 : 0.02);
      if (age >= 15 && (htn || dm || rng.chance(0.45))) {
        const smoker = p.sex === 'M' && rng.chance(0.4);
        insHistory(
          p.id,
          JSON.stringify({
            risks: {
              smoking: smoker ? rng.pick(['yes', 'regular', 'quit']) : 'no',
              alcohol: p.sex === 'M' && rng.chance(0.5) ? rng.pick(['yes', 'regular']) : 'no',
              alcoholCupsPerDay: null,
              drugs: 'no',
              physicalActivity: rng.pick(['no', 'yes', 'regular']),
              latrine: rng.pick(['flush', 'flush', 'double-vault', 'bucket']),
            },
            diseases: { codes: [...(htn ? [2] : []), ...(dm ? [3] : [])] },
            allergies: { drugs: rng.chance(0.03) ? 'Penicillin' : '' },
          }),
          at,
          clinicians[0]?.id ?? null,
        );
        counts.histories += 1;
      }
      // One blood pressure level per person: high for the hypertensives, ordinary for the rest.
      const baseSys = htn ? rng.int(132, 168) : rng.int(112, 138);
      // One body per person, on its own curve (made only for those weighed: the registers' patients).
      const weight = htn || dm ? new AdultWeight(bodyRng, p.sex, age, startT, asOfT) : null;
      const height = p.sex === 'M' ? 163 : 153;
      for (const [register, member, code, name] of [
        ['hypertension', htn, 'I10', 'Bệnh tăng huyết áp vô căn (nguyên phát)'],
        ['diabetes', dm, 'E11.9', 'Bệnh đái tháo đường không phụ thuộc insuline, không có biến chứng'],
      ] as const) {
        if (!member) continue;
        const fromT = Math.max(startT, asOfT - rng.int(1, o.years * 12) * 30 * DAY);
        insNcd(p.id, register, iso(fromT));
        counts.ncd += 1;
        for (let t = fromT; t < asOfT - 20 * DAY; t += rng.int(26, 36) * DAY) {
          if (!rng.chance(0.72)) continue;
          const sys = Math.round(rng.normal(baseSys, 9));
          note(
            visit(p.id, t, {
              reason:
                register === 'hypertension' ? 'Khám theo dõi tăng huyết áp' : 'Khám theo dõi đái tháo đường',
              sys,
              dia: Math.round(sys * 0.6 + rng.normal(4, 5)),
              pulse: rng.int(62, 92),
              // The curve at this day, and the scale's own error (±0,3 kg).
              w: Math.round(((weight?.at(t) ?? 55) + rng.normal(0, 6) * 0.05) * 10) / 10,
              h: height,
              dx: [code, name],
              counselling: 'Uống thuốc đều, giảm muối, tập thể dục',
              followUp: iso(t + 30 * DAY),
              // A month's supply of the usual first-line drug (no draw from rng: the rest of the
              // commune stays as it was).
              treatment: { method: 'drugs', medicine: NCD_MEDICINE[register] },
            }),
          );
        }
      }

      // Acute visits: about one every three years.
      for (
        let t = Math.max(startT, Date.parse(`${p.birth_year}-07-01T00:00:00Z`));
        t < asOfT;
        t += rng.int(400, 1600) * DAY
      ) {
        if (!rng.chance(0.7)) continue;
        const [code, name, reason] = rng.pick(ACUTE);
        // Adults have their blood pressure taken at every visit, as stations are asked to.
        const adult = new Date(t).getUTCFullYear() - p.birth_year >= 18;
        const sys = adult ? Math.round(rng.normal(baseSys - 4, 12)) : undefined;
        note(
          visit(p.id, t, {
            reason,
            temp: Math.round(rng.normal(37.1, 0.5) * 10) / 10,
            pulse: rng.int(68, 100),
            sys,
            dia: sys ? Math.round(sys * 0.62 + rng.normal(2, 5)) : undefined,
            dx: [code, name],
          }),
        );
      }

      // Children born in the period: immunisations by the schedule, each with a growth check.
      if (p.birth_date.length === 10 && Date.parse(`${p.birth_date}T00:00:00Z`) >= startT) {
        // Doses as a station gives them: birth doses on the first day, the others within three weeks
        // of the due date, never sooner after the previous dose than the schedule allows.
        const givenOn = new Map<string, string>();
        const body = childBody(bodyRng);
        for (const dose of tcmr) {
          if (!rng.chance(0.94)) continue;
          let due = addSpan(p.birth_date, dose.recommendedAge ?? { days: 0 });
          const prev = dose.after ? givenOn.get(dose.after.code) : undefined;
          if (dose.after && !prev) continue; // the series stopped: no later doses
          const earliest =
            prev && dose.after
              ? addSpan(prev, dose.after.recommendedInterval ?? dose.after.minInterval)
              : null;
          if (due && earliest && earliest > due) due = earliest;
          if (!due) continue;
          const birthDose = (dose.recommendedAge?.days ?? 1) === 0 && !dose.recommendedAge?.months;
          const givenT = Date.parse(`${due}T00:00:00Z`) + (birthDose ? 0 : rng.int(0, 20)) * DAY;
          if (givenT >= asOfT) continue;
          givenOn.set(dose.code, iso(givenT));
          insDose({
            id: randomUUID(),
            personId: p.id,
            vaccineCode: dose.code,
            givenOn: iso(givenT),
            // Recorded at the session (10:00 in Vietnam), as a station using the app records a dose:
            // not all ten years' doses on the seed's last day, which made every child's record look
            // changed this year.
            at: `${iso(givenT)}T03:00:00.000Z`,
            by: clinicians[0]?.id ?? null,
          });
          counts.immunizations += 1;
          const months = (givenT - Date.parse(`${p.birth_date}T00:00:00Z`)) / (30.4375 * DAY);
          if (months >= 1 && rng.chance(0.6)) {
            const s = childSize(months, p.sex);
            // The child's own centile, and the measurement's small error (as many draws as before).
            const w = s.w * body.weightFactor + rng.normal(0, s.w * 0.08) * 0.15;
            const h = s.h + body.heightOffset + rng.normal(0, 2.5) * 0.1;
            note(
              visit(p.id, givenT, {
                reason: 'Tiêm chủng, cân đo',
                w: Math.round(w * 10) / 10,
                h: Math.round(h * 10) / 10,
                // Head circumference at the checks under two, MUAC from 6 months (the tape's mm).
                hc:
                  months < 24 && bodyRng.chance(0.8)
                    ? Math.round((medianHeadCm(months, p.sex) + body.headOffset) * 10) / 10
                    : undefined,
                muac: months >= 6 && months < 60 && bodyRng.chance(0.6) ? body.muacMm : undefined,
                temp: 36.8,
              }),
            );
          }
        }
      }
      if (last) persons.setLastVisitOn(p.id, last);
      if (++batch % flushEvery === 0) commit();
    }
    commit();
  } catch (e) {
    if (ctx.store.raw.inTransaction) ctx.store.raw.exec('ROLLBACK');
    throw e;
  } finally {
    ctx.store.raw.pragma(`synchronous = ${Number(synchronous)}`);
  }
  return counts;
}
