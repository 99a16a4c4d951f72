/**
 * Clinical rules of the health record (831 parts B, C, D) as plain functions and data: no database,
 * no I/O except the lazy reading of resources/ by the table and catalogue classes. What the record
 * module, the contract handlers and the UI wire together.
 */
export {
  ADULT_BMI_LABELS,
  ADULT_FROM_YEARS,
  WAIST_RISK_CM,
  assessBmi,
  assessWaist,
  bmiOf,
  classifyAdultBmi,
} from './bmi.ts';
export type { AdultBmiClass, BmiAssessment, BmiInput, WaistAssessment } from './bmi.ts';

export { BP_SCHEME_LABELS, gradeBloodPressure } from './blood-pressure.ts';
export type { BpCategory, BpGrade, BpReading, BpScheme } from './blood-pressure.ts';

export { assessVitals, plausibleRange, VITAL_LIMITS } from '#contract/clinical/vitals.ts';
export type { VitalFinding, VitalKey, VitalValues } from '#contract/clinical/vitals.ts';

export { GrowthTables, LmsTable } from './growth-tables.ts';
export type { ReferenceTables, StandardTables } from './growth-tables.ts';
export {
  DAYS_PER_MONTH,
  GROWTH_INDICATOR_LABELS,
  GROWTH_STATUS_LABELS,
  assessGrowth,
  scoreLms,
} from './growth.ts';
export type {
  GrowthAssessment,
  GrowthIndicator,
  GrowthInput,
  GrowthReference,
  GrowthStatus,
  IndicatorResult,
  ZScore,
} from './growth.ts';
export { SD_LINES, growthCurves } from './growth-chart.ts';
export type { ChartIndicator, CurveRange, GrowthCurves, SdLine } from './growth-chart.ts';
export { lmsValue, lmsZ, restrictedLmsZ } from './lms.ts';
export type { Lms } from './lms.ts';

export { VACCINE_CATALOGUE, VACCINE_GROUP_LABELS, vaccineDose, vaccineDosesInGroup } from './vaccines.ts';
export type { VaccineDose, VaccineGroup } from './vaccines.ts';
export { DOSE_STATUS_LABELS, computeSchedule, nextAppointment } from './schedule.ts';
export type {
  DoseIssue,
  DoseStatus,
  GivenDose,
  Schedule,
  ScheduleOptions,
  ScheduledDose,
} from './schedule.ts';

export { Icd10Catalogue, Icd10Index } from './icd10.ts';
export type { Icd10Entry, Icd10Hit, Icd10Match, Icd10Row } from './icd10.ts';

export {
  DEFAULT_FOLLOW_UP,
  HISTORY_CODE_REGISTER,
  NCD_REGISTERS,
  NCD_REGISTER_LABELS,
  followUpStatus,
  icd10Register,
  ncdRegisters,
} from './ncd.ts';
export type {
  FollowUpInput,
  FollowUpStatus,
  NcdEvidence,
  NcdInput,
  NcdRegister,
  RegisterMembership,
} from './ncd.ts';

export { addDays, addMonths, addSpan, completedMonths, daysBetween, isIsoDate } from './dates.ts';
export type { Span } from './dates.ts';
export type { Problem } from './result.ts';
