/**
 * The demo commune's screening campaigns (issue 14, points 5 and 8): a school campaign for the
 * first grade, its 6-year-olds in classes 1A and 1B, part of them examined (one exam done
 * elsewhere earlier in the year and entered without examining again); and a workplace campaign
 * of working-age adults, a few examined. Written through the campaigns' and visits' own
 * repositories, like the rest of the seed: not audited one by one, not marked for upload.
 */
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../context.ts';
import { addToRoster, insertCampaign, linkExam } from '../campaigns/repo/campaigns.ts';
import { seedVisits, setCampaign, type VisitDocument } from '../record/repo/visits.ts';
import { gradeBloodPressure } from '../record/rules/blood-pressure.ts';
import { addDays } from '../record/rules/dates.ts';
import { Random } from './random.ts';

export interface CampaignCounts {
  campaigns: number;
  rostered: number;
  campaignExams: number;
}

const doc = (vision?: { right: string; left: string }): string =>
  JSON.stringify({
    history: '',
    position: '',
    vitalSources: {},
    vision: {
      rightPlain: vision?.right ?? '',
      leftPlain: vision?.left ?? '',
      rightGlasses: '',
      leftGlasses: '',
      wearsGlasses: false,
    },
    exam: {},
    conclusion: '',
    counselling: '',
  } satisfies VisitDocument);

export function seedCampaigns(ctx: CoreContext, o: { seed: string; asOf: string }): CampaignCounts {
  const rng = new Random(`hssk-campaigns:${o.seed}`);
  const store = ctx.store;
  const examiner = store
    .prepare(`SELECT id, full_name AS name FROM users WHERE role = 'clinician' ORDER BY username LIMIT 1`)
    .get() as { id: string; name: string } | undefined;
  if (!examiner) return { campaigns: 0, rostered: 0, campaignExams: 0 };
  const year = Number(o.asOf.slice(0, 4));
  const start = addDays(o.asOf, -1) as string;
  const createdAt = `${start}T01:00:00.000Z`;
  const counts: CampaignCounts = { campaigns: 0, rostered: 0, campaignExams: 0 };
  const insertVisit = seedVisits(store);

  const campaign = (
    kind: 'school' | 'workplace',
    name: string,
    place: string,
    measures: string[],
    classes: string[],
  ) => {
    const id = randomUUID();
    insertCampaign(store, {
      id,
      kind,
      name,
      place,
      startsOn: start,
      endsOn: addDays(o.asOf, 2) as string,
      measures,
      classes,
      createdAt,
      createdBy: examiner.id,
    });
    counts.campaigns += 1;
    return id;
  };

  const exam = (
    campaignId: string,
    personId: string,
    v: { day: string; reason: string; w: number; h: number; sys?: number; dia?: number; pulse?: number },
    vision: { right: string; left: string } | undefined,
    place = '',
  ): void => {
    const id = randomUUID();
    const grade = v.sys && v.dia ? gradeBloodPressure({ systolic: v.sys, diastolic: v.dia }) : null;
    insertVisit({
      id,
      personId,
      visitOn: v.day,
      reason: v.reason,
      pulse: v.pulse ?? null,
      temperatureC: null,
      systolic: v.sys ?? null,
      diastolic: v.dia ?? null,
      weightKg: v.w,
      heightCm: v.h,
      bmi: Math.round((v.w / (v.h / 100) ** 2) * 10) / 10,
      bpCategory: grade && 'category' in grade ? grade.category : null,
      data: doc(vision),
      followUpOn: null,
      examiner,
      signedAt: `${v.day}T03:00:00.000Z`,
      diagnosis: null,
    });
    setCampaign(store, id, campaignId, place);
    linkExam(store, campaignId, personId, id);
    counts.campaignExams += 1;
  };

  store.tx(() => {
    // The first grade: every 6-year-old of the commune (up to 60), in name order, half a class each.
    const pupils = store
      .prepare(
        `SELECT id FROM persons WHERE status = 'active' AND length(birth_date) = 10
           AND birth_date > ? AND birth_date <= ? ORDER BY name_folded LIMIT 60`,
      )
      .pluck()
      .all(`${year - 7}${o.asOf.slice(4)}`, `${year - 6}${o.asOf.slice(4)}`) as string[];
    const school = campaign(
      'school',
      'Khám sức khỏe học sinh lớp 1',
      'Trường Tiểu học trung tâm xã',
      ['anthropometry', 'vision'],
      ['1A', '1B'],
    );
    const half = Math.ceil(pupils.length / 2);
    counts.rostered += addToRoster(store, school, pupils.slice(0, half), '1A', createdAt);
    counts.rostered += addToRoster(store, school, pupils.slice(half), '1B', createdAt);
    const reason = 'Khám sàng lọc: Khám sức khỏe học sinh lớp 1';
    pupils.slice(0, Math.min(12, pupils.length)).forEach((id, i) => {
      const h = 112 + rng.int(0, 14);
      const w = Math.round((h - 112) * 0.35 + 18 + rng.float() * 3) + 0.5;
      const vision = {
        right: rng.float() < 0.15 ? '7/10' : '10/10',
        left: rng.float() < 0.15 ? '8/10' : '10/10',
      };
      // One pupil was examined at the provincial children's hospital in the spring.
      if (i === 3)
        exam(
          school,
          id,
          { day: addDays(o.asOf, -120) as string, reason, w, h },
          vision,
          'Bệnh viện Nhi tỉnh',
        );
      else exam(school, id, { day: i < 6 ? start : o.asOf, reason, w, h }, vision);
    });

    // A garment workshop's workers: adults of working age from one end of the registry.
    const workers = store
      .prepare(
        `SELECT id FROM persons WHERE status = 'active' AND birth_year BETWEEN ? AND ? ORDER BY pk DESC LIMIT 40`,
      )
      .pluck()
      .all(year - 50, year - 20) as string[];
    const workplace = campaign(
      'workplace',
      'Khám sức khỏe định kỳ công nhân may',
      'Xưởng may của xã',
      ['anthropometry', 'bp'],
      [],
    );
    counts.rostered += addToRoster(store, workplace, workers, '', createdAt);
    workers.slice(0, Math.min(8, workers.length)).forEach((id) => {
      const h = 150 + rng.int(0, 22);
      exam(
        workplace,
        id,
        {
          day: o.asOf,
          reason: 'Khám sàng lọc: Khám sức khỏe định kỳ công nhân may',
          w: Math.round((h / 100) ** 2 * (19 + rng.float() * 6) * 10) / 10,
          h,
          sys: 105 + rng.int(0, 40),
          dia: 65 + rng.int(0, 22),
          pulse: 64 + rng.int(0, 24),
        },
        undefined,
      );
    });
  });
  return counts;
}
