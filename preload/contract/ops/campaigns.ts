import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty, IsoDate, RequiredText, Text, Uuid } from '../schemas/common.ts';
import { Confirmed, VisitInput, VisitRecord, type VitalField } from './record.ts';

/**
 * Screening campaigns (đợt khám sàng lọc, issue 14 point 5): the provincial plans ask the station
 * to examine groups — at the station, at a school's classes, at a workplace, in a village — and to
 * enter exams done elsewhere within the year without examining again. A campaign has a roster and
 * an entry form driven by its checklist of measurements; each exam saved is a normal signed visit
 * linked to the campaign.
 */
export const CAMPAIGN_KINDS = ['station', 'school', 'workplace', 'village'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_KIND_LABELS: Record<CampaignKind, string> = {
  station: 'Tại trạm',
  school: 'Trường học',
  workplace: 'Nơi làm việc',
  village: 'Thôn, xóm',
};

/** What a campaign measures: the checklist that decides which fields its entry form shows. */
export const CAMPAIGN_MEASURES = ['anthropometry', 'bp', 'temperature', 'vision', 'dental'] as const;
export type CampaignMeasure = (typeof CAMPAIGN_MEASURES)[number];
export const CAMPAIGN_MEASURE_LABELS: Record<CampaignMeasure, string> = {
  anthropometry: 'Chiều cao, cân nặng',
  bp: 'Huyết áp, mạch',
  temperature: 'Nhiệt độ',
  vision: 'Thị lực',
  dental: 'Răng miệng',
};
/** The vitals each measurement fills (vision and dental have their own fields). */
export const CAMPAIGN_MEASURE_VITALS: Record<CampaignMeasure, readonly VitalField[]> = {
  anthropometry: ['heightCm', 'weightKg'],
  bp: ['systolic', 'diastolic', 'pulse'],
  temperature: ['temperatureC'],
  vision: [],
  dental: [],
};

const ClassName = Text(40);

export const CampaignInput = z.object({
  kind: z.enum(CAMPAIGN_KINDS),
  name: RequiredText(200),
  /** The school, the company, the village hall: where the exams are done. */
  place: Text(200).default(''),
  startsOn: IsoDate,
  endsOn: IsoDate,
  measures: z.array(z.enum(CAMPAIGN_MEASURES)).min(1).max(CAMPAIGN_MEASURES.length),
  /** A school's classes ("1A", "Lá 2"): the roster is built and walked class by class. */
  classes: z.array(RequiredText(40)).max(60).default([]),
});
export type CampaignInput = z.input<typeof CampaignInput>;

export const Campaign = z.object({
  id: z.string(),
  kind: z.enum(CAMPAIGN_KINDS),
  name: z.string(),
  place: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  measures: z.array(z.enum(CAMPAIGN_MEASURES)),
  classes: z.array(z.string()),
  progress: z.object({ examined: z.number().int(), roster: z.number().int() }),
  createdAt: z.string(),
});
export type Campaign = z.output<typeof Campaign>;

/** One resident on a roster, in calling order, with the exam saved for them (if any). */
export const RosterEntry = z.object({
  personId: z.string(),
  seq: z.number().int(),
  className: z.string(),
  fullName: z.string(),
  sex: z.enum(['M', 'F']),
  birthDate: z.string(),
  village: z.string(),
  visitId: z.string().nullable(),
  visitOn: z.string().nullable(),
  /** Where an exam done elsewhere was done ('' = in this campaign). */
  examPlace: z.string(),
});
export type RosterEntry = z.output<typeof RosterEntry>;

/** The resident whose exam is open in the campaign's entry form, and the draft visit to fill. */
export const CampaignExam = z.object({ entry: RosterEntry, visit: VisitRecord });
export type CampaignExam = z.output<typeof CampaignExam>;

const Added = z.object({ added: z.number().int(), campaign: Campaign });

export const campaignOps = {
  'campaigns.list': query({ input: Empty, output: z.array(Campaign), access: 'records.read' }),
  'campaigns.create': command({ input: CampaignInput, output: Campaign, access: 'records.write' }),
  'campaigns.get': query({
    input: z.object({ id: Uuid }),
    output: z.object({ campaign: Campaign, roster: z.array(RosterEntry) }),
    access: 'records.read',
  }),
  /**
   * Residents by age band (completed years on the campaign's first day) and village, into a class
   * when the campaign is a school's: a kindergarten or a school's pupils when the registry does
   * not know who is in which class. Moved and deceased residents are left out.
   */
  'campaigns.addByAge': command({
    input: z.object({
      campaignId: Uuid,
      village: Text(100).default(''),
      ageFrom: z.number().int().min(0).max(120),
      ageTo: z.number().int().min(0).max(120),
      className: ClassName.default(''),
    }),
    output: Added,
    access: 'records.write',
  }),
  /** Chosen residents onto the roster (someone already on it stays where they are). */
  'campaigns.addPersons': command({
    input: z.object({
      campaignId: Uuid,
      personIds: z.array(Uuid).min(1).max(5000),
      className: ClassName.default(''),
    }),
    output: Added,
    access: 'records.write',
  }),
  /** A workplace's list, read by the import wizard: the residents it matched or created. */
  'campaigns.addFromImport': command({
    input: z.object({ campaignId: Uuid, importId: z.string().max(64), className: ClassName.default('') }),
    output: Added,
    access: 'persons.import',
  }),
  /** Opens the exam of a resident of the roster (by default the next not yet examined): a draft visit. */
  'campaigns.open': command({
    input: z.object({ campaignId: Uuid, personId: Uuid.nullable().default(null) }),
    output: CampaignExam.nullable(),
    access: 'records.write',
  }),
  /**
   * Saves the open exam (a signed visit linked to the campaign; an exam done elsewhere with its
   * place, its day being the visit's) and opens the next resident not yet examined.
   */
  'campaigns.next': command({
    input: z.object({
      campaignId: Uuid,
      visitId: Uuid,
      version: z.number().int(),
      visit: VisitInput,
      elsewhere: z
        .object({ place: RequiredText(200) })
        .nullable()
        .default(null),
      confirmed: Confirmed,
    }),
    output: z.object({
      saved: z.object({ visitId: z.string(), personId: z.string() }),
      progress: z.object({ examined: z.number().int(), roster: z.number().int() }),
      next: CampaignExam.nullable(),
    }),
    access: 'visits.sign',
  }),
};
