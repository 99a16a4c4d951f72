import uPlot from 'uplot';
import type { Dashboard } from '#contract';
import { R } from './text.ts';

/** Bars of coverage per village with the plan's targets as dashed lines across them. */
export function coverageChart(d: Dashboard): {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
} {
  const villages = d.byVillage.map((v) => v.village || '—');
  const x = villages.map((_, i) => i);
  const rate = d.byVillage.map((v) => (v.active ? Math.round((v.withRecord / v.active) * 1000) / 10 : 0));
  const target = (t: number) => villages.map(() => t * 100);
  return {
    options: {
      scales: {
        x: { time: false, range: [-0.5, Math.max(villages.length - 0.5, 0.5)] },
        y: { range: [0, 105] },
      },
      axes: [
        {
          values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (villages[i] ?? '') : '')),
          gap: 4,
        },
        { values: (_u, splits) => splits.map((v) => `${v} %`), size: 52 },
      ],
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      series: [
        {},
        {
          label: R.coverage,
          fill: 'rgba(15, 118, 110, 0.55)',
          stroke: '#0f766e',
          paths: uPlot.paths.bars?.({ size: [0.6, 90] }),
          points: { show: false },
          value: (_u, v) => (v === null ? '—' : `${v} %`),
        },
        ...d.coverage.targets.map((t, i) => ({
          label: R.targetLine(t * 100),
          stroke: ['#9a6700', '#b42318', '#1c2624'][i] ?? '#1c2624',
          dash: [6, 4],
          width: 1.5,
          points: { show: false },
          value: () => `${t * 100} %`,
        })),
      ],
    },
    data: [x, rate, ...d.coverage.targets.map(target)],
  };
}

/** Month by month: records updated, residents examined, doses given. */
export function trendChart(d: Dashboard): {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
} {
  const months = d.trends.map((t) => `${t.month.slice(5)}/${t.month.slice(0, 4)}`);
  return {
    options: {
      scales: { x: { time: false } },
      axes: [
        { values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (months[i] ?? '') : '')) },
        { size: 50 },
      ],
      cursor: { drag: { x: false, y: false } },
      series: [
        {},
        { label: R.trendSeries.updated, stroke: '#0f766e', width: 2 },
        { label: R.trendSeries.examined, stroke: '#2563eb', width: 2 },
        { label: R.trendSeries.doses, stroke: '#9a6700', width: 2 },
      ],
    },
    data: [
      d.trends.map((_, i) => i),
      d.trends.map((t) => t.updated),
      d.trends.map((t) => t.examined),
      d.trends.map((t) => t.doses),
    ],
  };
}
