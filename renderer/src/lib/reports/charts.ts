import uPlot from 'uplot';
import type { Dashboard } from '#contract';
import { R } from './text.ts';

type Chart = { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData };

const TARGET_COLOURS = ['#9a6700', '#b42318', '#1c2624'];

/**
 * The plan's targets as dashed lines across the whole plot, each labelled at its right end
 * (drawn by a hook: a series would only run between the first and last bar).
 */
function targetLines(targets: readonly number[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          const { ctx, bbox } = u;
          const ratio = devicePixelRatio || 1;
          ctx.save();
          ctx.setLineDash([6 * ratio, 4 * ratio]);
          ctx.lineWidth = 1.5 * ratio;
          ctx.font = `${11 * ratio}px sans-serif`;
          ctx.textAlign = 'right';
          // The lines lie a few pixels apart: their labels are stacked at the right under the lowest
          // one, each in its line's colour, with a white halo where a village's bar is behind them.
          const lowest = Math.round(u.valToPos(Math.min(...targets) * 100, 'y', true));
          const right = bbox.left + bbox.width - 4 * ratio;
          targets.forEach((t, i) => {
            const y = Math.round(u.valToPos(t * 100, 'y', true));
            ctx.strokeStyle = TARGET_COLOURS[i] ?? '#1c2624';
            ctx.fillStyle = ctx.strokeStyle;
            ctx.beginPath();
            ctx.moveTo(bbox.left, y);
            ctx.lineTo(bbox.left + bbox.width, y);
            ctx.stroke();
            const labelY = lowest + (13 + (targets.length - 1 - i) * 13) * ratio;
            ctx.save();
            ctx.setLineDash([]);
            ctx.lineWidth = 3 * ratio;
            ctx.strokeStyle = '#ffffff';
            ctx.strokeText(R.targetLine(t * 100), right, labelY);
            ctx.restore();
            ctx.fillText(R.targetLine(t * 100), right, labelY);
          });
          ctx.restore();
        },
      ],
    },
  };
}

/** Bars of coverage per village, the plan's targets drawn across them. */
export function coverageChart(d: Dashboard): Chart {
  const villages = d.byVillage.map((v) => v.village || '—');
  const x = villages.map((_, i) => i);
  const rate = d.byVillage.map((v) => (v.active ? Math.round((v.withRecord / v.active) * 1000) / 10 : 0));
  return {
    options: {
      scales: {
        x: { time: false, range: () => [-0.5, Math.max(villages.length - 0.5, 0.5)] },
        y: { range: () => [0, 110] },
      },
      axes: [
        // One tick per village, under its bar.
        {
          splits: () => x,
          values: (_u, splits) => splits.map((i) => villages[i] ?? ''),
          grid: { show: false },
        },
        {
          splits: () => [0, 25, 50, 75, 100],
          values: (_u, splits) => splits.map((v) => `${v} %`),
          size: 52,
        },
      ],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      plugins: [targetLines(d.coverage.targets)],
      series: [
        { label: R.village },
        {
          label: R.coverage,
          fill: 'rgba(15, 118, 110, 0.55)',
          stroke: '#0f766e',
          paths: uPlot.paths.bars?.({ size: [0.6, 90] }),
          points: { show: false },
        },
      ],
    },
    data: [x, rate],
  };
}

/** Month by month: changes to records, exams signed, doses given. */
export function trendChart(d: Dashboard): Chart {
  const months = d.trends.map((t) => `${t.month.slice(5)}/${t.month.slice(0, 4)}`);
  const x = d.trends.map((_, i) => i);
  return {
    options: {
      scales: { x: { time: false } },
      axes: [
        { splits: () => x, values: (_u, splits) => splits.map((i) => months[i] ?? '') },
        // Counts: whole numbers only.
        { size: 50, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      ],
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: R.month, value: (_u, i) => (i === null ? '—' : (months[i] ?? '')) },
        { label: R.trendSeries.updated, stroke: '#0f766e', width: 2 },
        { label: R.trendSeries.examined, stroke: '#2563eb', width: 2, dash: [6, 3] },
        { label: R.trendSeries.doses, stroke: '#9a6700', width: 2 },
      ],
    },
    data: [x, d.trends.map((t) => t.updated), d.trends.map((t) => t.examined), d.trends.map((t) => t.doses)],
  };
}
