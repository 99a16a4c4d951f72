import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../../test/helpers/core.ts';
import { seedStation } from './seed-station.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('the demo commune’s screening campaigns', () => {
  it('has a school campaign in two classes and a workplace campaign, each with some exams done', async () => {
    t = makeTestCore();
    await seedStation(t.core.ctx, { persons: 2000, seed: 'campaigns', asOf: '2026-07-01', years: 1 });
    await t.ok('auth.login', { username: 'quantri', password: 'hssk-demo-2026' });
    const campaigns = await t.ok('campaigns.list', {});
    expect(campaigns.map((c) => [c.kind, c.name, c.startsOn, c.endsOn])).toEqual([
      ['school', 'Khám sức khỏe học sinh lớp 1', '2026-06-30', '2026-07-03'],
      ['workplace', 'Khám sức khỏe định kỳ công nhân may', '2026-06-30', '2026-07-03'],
    ]);
    const [school, workplace] = campaigns;
    expect(school.progress.examined).toBe(12);
    expect(workplace.progress).toEqual({ examined: 8, roster: 40 });

    const { roster } = await t.ok('campaigns.get', { id: school.id });
    // Only 6-year-olds on the first grade's roster, split between the two classes.
    const ages = roster.map(
      (e) => 2026 - Number(e.birthDate.slice(0, 4)) - (e.birthDate.slice(5) > '07-01' ? 1 : 0),
    );
    expect(new Set(ages)).toEqual(new Set([6]));
    expect(new Set(roster.map((e) => e.className))).toEqual(new Set(['1A', '1B']));
    // One pupil's exam was done at the children's hospital in the spring and entered as such.
    expect(roster.filter((e) => e.examPlace !== '').map((e) => [e.visitOn, e.examPlace])).toEqual([
      ['2026-03-03', 'Bệnh viện Nhi tỉnh'],
    ]);
    const visit = await t.ok('visits.get', { id: roster[0].visitId ?? '' });
    expect(visit).toMatchObject({
      status: 'signed',
      campaignId: school.id,
      vision: { rightPlain: expect.stringMatching(/\/10$/) },
    });
    // The remaining pupils can be examined at once: the next one opens.
    const next = await t.ok('campaigns.open', { campaignId: school.id });
    expect(next?.entry.seq).toBe(13);
  });
});
