import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { VisitSummary } from '#contract';
import BpTrendChart from './BpTrendChart.svelte';

afterEach(cleanup);

let n = 0;
const visit = (
  visitOn: string,
  systolic: number | null,
  diastolic: number | null,
  status: 'signed' | 'draft' = 'signed',
): VisitSummary => ({
  id: `v${++n}`,
  visitOn,
  status,
  reason: '',
  systolic,
  diastolic,
  pulse: null,
  weightKg: null,
  heightCm: null,
  bpCategory: null,
  diagnoses: [],
  examinerName: '',
  treatment: '',
  referral: '',
});

/** The systolic points, left to right, with the day each stands for (from the record, newest first). */
function points(container: HTMLElement): { x: number; on: number }[] {
  const circles = [...container.querySelectorAll<SVGCircleElement>('circle.sys')];
  // The day comes from the point's tooltip ("15/09/2023: 142/88 mmHg"), as the user reads it.
  return circles.map((c) => {
    const [, d, m, y] = /(\d\d)\/(\d\d)\/(\d{4})/.exec(c.querySelector('title')?.textContent ?? '') ?? [];
    return { x: Number(c.getAttribute('cx')), on: Date.parse(`${y}-${m}-${d}`) };
  });
}
const ticks = (container: HTMLElement) =>
  [...container.querySelectorAll('text.x-tick')].map((t) => t.textContent?.trim());

describe('BpTrendChart', () => {
  it('puts each reading at its date: seven years between 06/2016 and 09/2023 are seven years wide', () => {
    // The record lists visits newest first.
    const visits = [
      visit('2023-10-15', 138, 84),
      visit('2023-09-15', 142, 88),
      visit('2016-07-10', 150, 95),
      visit('2016-06-10', 165, 100),
    ];
    const { container } = render(BpTrendChart, { props: { visits } });
    const p = points(container);
    expect(p).toHaveLength(4);
    expect(p.map((q) => q.on)).toEqual(
      ['2016-06-10', '2016-07-10', '2023-09-15', '2023-10-15'].map((d) => Date.parse(d)),
    );
    const span = p[3].x - p[0].x;
    for (const q of p) expect((q.x - p[0].x) / span).toBeCloseTo((q.on - p[0].on) / (p[3].on - p[0].on), 2);
    // The gap is most of the plot: the four readings are not evenly spaced.
    expect((p[2].x - p[1].x) / span).toBeGreaterThan(0.95);
    // Years on the axis, every one or every other.
    const years = ticks(container);
    expect(years).toContain('2018');
    expect(years).toContain('2022');
    expect(years.every((y) => /^\d{4}$/.test(y ?? ''))).toBe(true);
  });

  it('labels months for a short span, and marks a long gap in the line', () => {
    const monthly = [
      visit('2024-06-01', 150, 90),
      visit('2024-04-02', 160, 95),
      visit('2024-01-03', 170, 100),
    ];
    const { container } = render(BpTrendChart, { props: { visits: monthly } });
    expect(ticks(container)).toEqual(expect.arrayContaining(['02/2024', '04/2024']));
    expect(container.querySelectorAll('path.gap')).toHaveLength(0);
    cleanup();
    const gappy = render(BpTrendChart, {
      props: { visits: [visit('2023-09-15', 140, 90), visit('2016-06-10', 160, 100)] },
    });
    expect(gappy.container.querySelectorAll('path.gap').length).toBeGreaterThan(0);
  });

  it('keeps the grade bands and a legend for the lines and the bands', () => {
    const { container } = render(BpTrendChart, {
      props: { visits: [visit('2024-01-03', 170, 100), visit('2024-03-03', 150, 90)] },
    });
    for (const cls of ['g1', 'g2', 'g3']) expect(container.querySelector(`rect.${cls}`)).not.toBeNull();
    const legend = screen.getByRole('list', { name: 'Chú thích biểu đồ' }).textContent ?? '';
    for (const item of ['Tâm thu', 'Tâm trương', 'Độ 1 (140–159)', 'Độ 2 (160–179)', 'Độ 3 (≥ 180)'])
      expect(legend).toContain(item);
  });

  it('shows signed readings only, and one reading in the middle', () => {
    const visits = [
      visit('2024-05-01', 130, 80, 'draft'),
      visit('2024-04-01', null, 80),
      visit('2024-03-01', 128, 82),
    ];
    const { container } = render(BpTrendChart, { props: { visits } });
    const p = points(container);
    expect(p).toHaveLength(1);
    const plot = container.querySelector('rect.plot');
    const mid = Number(plot?.getAttribute('x')) + Number(plot?.getAttribute('width')) / 2;
    expect(p[0].x).toBeCloseTo(mid, 0);
  });

  it('says so when there is nothing to draw', () => {
    render(BpTrendChart, { props: { visits: [visit('2024-05-01', null, null)] } });
    expect(screen.getByText('Chưa có số đo huyết áp.')).toBeTruthy();
  });
});
