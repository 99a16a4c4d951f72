/**
 * The screening campaign's rapid entry on the generated commune: `campaign.next` saves one pupil's
 * exam (a signed visit linked to the campaign) and opens the next pupil of the roster as a draft,
 * the call the nurse makes with Enter forty times a class. Budget (issue 14.5): p95 ≤ 30 ms.
 * The roster is every 6- to 10-year-old of the commune (a primary school), built by age band.
 */
import type { CampaignExam } from '#contract/ops/campaigns.ts';
import { emit, measure } from './harness.ts';
import { benchSession } from './session.ts';

export async function campaignBenches(n: number): Promise<void> {
  const s = await benchSession(n);
  try {
    const campaign = await s.call('campaigns.create', {
      kind: 'school',
      name: 'Khám sức khỏe học sinh tiểu học',
      place: 'Trường Tiểu học',
      startsOn: s.today,
      endsOn: s.today,
      measures: ['anthropometry', 'vision'],
      classes: [],
    });
    const roster = await s.call('campaigns.addByAge', { campaignId: campaign.id, ageFrom: 6, ageTo: 10 });
    let open: CampaignExam | null = await s.call('campaigns.open', { campaignId: campaign.id });
    emit(
      await measure(
        'campaign.next',
        n,
        async (i) => {
          if (!open) throw new Error('the roster ran out');
          const r = await s.call('campaigns.next', {
            campaignId: campaign.id,
            visitId: open.visit.id,
            version: open.visit.version,
            visit: {
              visitOn: s.today,
              reason: open.visit.reason,
              // A pupil of 112–136 cm and a plausible weight for it (BMI about 14–15).
              vitals: { weightKg: 18 + (Math.abs(i) % 25) * 0.4, heightCm: 112 + (Math.abs(i) % 25) },
              vision: { rightPlain: '10/10', leftPlain: i % 7 === 0 ? '8/10' : '10/10' },
            },
          });
          open = r.next;
        },
        { runs: 300, warmup: 10, extra: { roster: roster.added, budget_p95_ms: 30 } },
      ),
    );
  } finally {
    s.close();
  }
}
