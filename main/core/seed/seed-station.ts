import type { CoreContext } from '../context.ts';
import { refreshStaleDue } from '../record/immunization-due.ts';
import { AppError } from '../errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { hashPassword } from '../security/passwords.ts';
import { insertUser } from '../security/users.ts';
import { setupStation } from '../security/setup.ts';
import { generateCommune, type SeedPlace } from './commune.ts';
import { NameGenerator, type Region } from './names.ts';
import { seedHealth, type HealthCounts } from './health.ts';
import { seedCampaigns } from './campaigns.ts';
import { seedChildSupplements } from './supplements.ts';
import { refreshAllLastMeasurements } from '../record/repo/visits.ts';
import { seedMaternalHealth, type MaternalCounts } from './maternal.ts';
import { writeSeed, type SeedCounts } from './write.ts';

export const SEED_DEFAULTS = {
  seed: 'hssk',
  asOf: '2026-07-01',
  communeCode: '16279',
  password: 'hssk-demo-2026',
  years: 10,
} as const;

export const DEMO_STAFF = [
  { username: 'quantri', fullName: 'Trần Văn Quản', role: 'admin' },
  { username: 'bacsi', fullName: 'Nguyễn Thị Hồng Đào', role: 'clinician' },
  { username: 'dieuduong', fullName: 'Lê Thị Bích Ngọc', role: 'clinician' },
  { username: 'vanthu', fullName: 'Phạm Đức Thắng', role: 'clerk' },
  { username: 'xem', fullName: 'Đỗ Minh Quân', role: 'viewer' },
] as const;

const REGION_BY_PROVINCE: Record<string, Region> = {
  '44': 'central',
  '46': 'central',
  '48': 'central',
  '51': 'central',
  '52': 'central',
  '56': 'central',
  '66': 'central',
  '68': 'central',
  '38': 'central',
  '40': 'central',
  '42': 'central',
  '75': 'south',
  '79': 'south',
  '80': 'south',
  '82': 'south',
  '86': 'south',
  '91': 'south',
  '92': 'south',
  '96': 'south',
};

/** The old 63-list code of a current province: they kept one pre-merger code each (e.g. 40 ← 040). */
const cccdPrefixFor = (provinceCode: string) => `0${provinceCode}`;

export interface SeedStationOptions {
  persons: number;
  seed?: string;
  asOf?: string;
  communeCode?: string;
  password?: string;
  /** Years of health records (visits, immunisations, registers) to generate; 0 for residents only. */
  years?: number;
  onProgress?: (counts: SeedCounts) => void;
}

/** Sets up a demo station with its staff and fills it with a synthetic commune. */
export async function seedStation(
  ctx: CoreContext,
  o: SeedStationOptions,
): Promise<SeedCounts & HealthCounts & MaternalCounts & { station: string }> {
  const communeCode = o.communeCode ?? SEED_DEFAULTS.communeCode;
  const commune = ctx.codes.commune(communeCode);
  if (!commune)
    throw new AppError('INVALID_INPUT', {
      message: `Không có xã/phường mã ${communeCode} trong danh mục 2025.`,
    });
  const province = ctx.codes.province(commune.provinceCode);
  if (!province)
    throw new AppError('INVALID_INPUT', { message: `Không có tỉnh mã ${commune.provinceCode}.` });
  const password = o.password ?? SEED_DEFAULTS.password;
  const [admin, ...staff] = DEMO_STAFF;
  await setupStation(ctx, {
    station: {
      code: `${province.code}${communeCode.slice(-3)}`,
      name: `Trạm Y tế ${commune.fullName}`,
      provinceCode: province.code,
      communeCode,
    },
    admin: { username: admin.username, fullName: admin.fullName, password },
  });
  const passwordHash = await hashPassword(password);
  ctx.store.tx(() => {
    for (const u of staff)
      insertUser(ctx, null, { username: u.username, fullName: u.fullName, role: u.role, passwordHash });
  });
  const place: SeedPlace = {
    provinceCode: province.code,
    provinceName: province.fullName,
    communeCode,
    communeName: commune.fullName,
    cccdProvince: cccdPrefixFor(province.code),
  };
  const names = new NameGenerator(ctx.resourcesDir, REGION_BY_PROVINCE[province.code] ?? 'north');
  const asOf = o.asOf ?? SEED_DEFAULTS.asOf;
  const counts = writeSeed(
    ctx.store,
    place,
    generateCommune({ persons: o.persons, seed: o.seed ?? SEED_DEFAULTS.seed, asOf, place, names }),
    `${asOf}T00:00:00.000Z`,
    o.onProgress,
  );
  const years = o.years ?? SEED_DEFAULTS.years;
  const health =
    years > 0
      ? seedHealth(ctx, { seed: o.seed ?? SEED_DEFAULTS.seed, asOf, years })
      : { histories: 0, visits: 0, immunizations: 0, ncd: 0 };
  // Screening campaigns at a school and a workplace, with their rosters and some exams done.
  const campaigns = years > 0 ? seedCampaigns(ctx, { seed: o.seed ?? SEED_DEFAULTS.seed, asOf }) : null;
  // Their exams are visits like the others.
  if (campaigns) health.visits += campaigns.campaignExams;
  const supplements = years > 0 ? seedChildSupplements(ctx, { seed: o.seed ?? SEED_DEFAULTS.seed, asOf }) : 0;
  // Pregnancies, antenatal visits and family planning (issue 14), before the due lists are worked out.
  const maternal =
    years > 0
      ? seedMaternalHealth(ctx, { seed: o.seed ?? SEED_DEFAULTS.seed, asOf })
      : { pregnancies: 0, antenatalVisits: 0, familyPlanning: 0 };
  // Each resident's last measurement, as signing keeps it (the seed writes visits in bulk).
  if (years > 0) refreshAllLastMeasurements(ctx.store);
  // Who is due for a vaccine, ready for "Hôm nay" (the app would otherwise work it out in the background).
  // Worked out as of the seed's own day, as the station would have had it then; a later clock finds
  // the answers expired and the background refresher brings them up to date.
  const seedDay = { ...ctx, clock: () => new Date(`${asOf}T02:00:00.000Z`) };
  while (refreshStaleDue(seedDay, 500).more);
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      null,
      {
        action: 'seed.generate',
        details: {
          ...counts,
          ...health,
          ...campaigns,
          supplements,
          ...maternal,
          seed: o.seed ?? SEED_DEFAULTS.seed,
          asOf,
        },
      },
      ctx.clock().toISOString(),
    ),
  );
  return { ...counts, ...health, ...maternal, station: commune.fullName };
}
