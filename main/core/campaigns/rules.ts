/**
 * The campaigns' rules as plain functions: who an age band takes, which days an exam may carry,
 * and whether the entry form holds anything measured. Dates are yyyy-mm-dd strings.
 */
import { CAMPAIGN_MEASURE_VITALS, type CampaignMeasure } from '#contract/ops/campaigns.ts';
import type { VisitFields } from '#contract/ops/record.ts';
import { isoToVn } from '#contract/dates.ts';
import { addDays, addMonths } from '../record/rules/dates.ts';

/**
 * Birth dates of the residents whose age in completed years on `on` lies in [from, to]: born after
 * `after` and on or before `onOrBefore` (full dates); a year-only birth date counts whole calendar
 * years, as `ageOn` does, so its year must lie in [yearFrom, yearTo].
 */
export function ageBandBirthRange(
  on: string,
  from: number,
  to: number,
): { after: string; onOrBefore: string; yearFrom: number; yearTo: number } {
  const year = Number(on.slice(0, 4));
  return {
    // Born on `on` minus (to + 1) years is (to + 1) today: too old.
    after: addMonths(on, -12 * (to + 1)) as string,
    onOrBefore: addMonths(on, -12 * from) as string,
    yearFrom: year - to,
    yearTo: year - from,
  };
}

/** How far back an exam done elsewhere may be and still count for this campaign: one year. */
export const ELSEWHERE_MONTHS = 12;

/**
 * What is wrong with the day an exam carries, or null. An exam in the campaign is on one of its
 * days; an exam done elsewhere is no later than today and at most a year before the campaign ends
 * (done since the last yearly round, so it is not done again).
 */
export function examDayIssue(
  campaign: { startsOn: string; endsOn: string },
  visitOn: string,
  elsewhere: boolean,
  today: string,
): string | null {
  if (elsewhere) {
    const earliest = addDays(addMonths(campaign.endsOn, -ELSEWHERE_MONTHS) as string, 1) as string;
    if (visitOn > today) return `Ngày khám nơi khác ${isoToVn(visitOn)} ở sau ngày hôm nay.`;
    if (visitOn < earliest)
      return `Lần khám nơi khác ngày ${isoToVn(visitOn)} đã quá một năm (tính được từ ${isoToVn(earliest)}): cần khám lại.`;
    return null;
  }
  if (visitOn < campaign.startsOn || visitOn > campaign.endsOn)
    return `Ngày khám ${isoToVn(visitOn)} nằm ngoài thời gian đợt khám (${isoToVn(campaign.startsOn)} – ${isoToVn(campaign.endsOn)}).`;
  return null;
}

/** The campaign's day an exam opened today is given: today within its days, else its nearest day. */
export function campaignDay(campaign: { startsOn: string; endsOn: string }, today: string): string {
  if (today < campaign.startsOn) return campaign.startsOn;
  if (today > campaign.endsOn) return campaign.endsOn;
  return today;
}

/** Whether the form holds at least one value the campaign measures (an exam with none is not saved). */
export function measuredAny(measures: readonly CampaignMeasure[], v: VisitFields): boolean {
  return measures.some((m) => {
    if (m === 'vision')
      return [v.vision.rightPlain, v.vision.leftPlain, v.vision.rightGlasses, v.vision.leftGlasses].some(
        (x) => x !== '',
      );
    if (m === 'dental') return (v.exam.dental ?? '') !== '';
    return CAMPAIGN_MEASURE_VITALS[m].some((k) => v.vitals[k] !== null);
  });
}
