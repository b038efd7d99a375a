import type { DashboardCandidateArea } from '@tapak/core';
import type { ChartConfiguration, Plugin, TooltipItem } from 'chart.js';
import { COVERAGE_COLORS } from '../domain/coverage.ts';
import { formatAreaM2, formatInteger } from '../i18n/format.ts';
import {
  AREA_BANDS,
  type AreaBand,
  type AreaThresholds,
  areaBand,
  COVERAGE_GROUPS,
  type CoverageGroup,
  type KecamatanCoverage,
  type ReasonCount,
  type StatusCount,
  wrapLabel,
} from './dashboardData.ts';

// Chart.js configurations built from shaped data and already translated text: pure (only types from
// chart.js), so the unit tests read them without a canvas. Every number shown goes through the id-ID
// formatters, in both languages, like the rest of the app.

export type BarConfig = ChartConfiguration<'bar', Array<number | null>, string | string[]>;

/** Formats tick values and the default tooltip numbers (decimal comma, dot thousands). */
const LOCALE = 'id-ID';
const INK = '#1b2330';
const GRID = '#e4e7ec';

/** Coverage group colours: the map's coverage fills, so the chart reads like the map legend. */
export const COVERAGE_GROUP_COLORS: Record<CoverageGroup, string> = {
  qualifying: COVERAGE_COLORS.qualifying.fill,
  candidatesOnly: COVERAGE_COLORS.candidates.fill,
  noCandidate: COVERAGE_COLORS.none.fill,
};

export const AREA_BAND_COLORS: Record<AreaBand, string> = {
  belowMinimum: '#dc2626',
  minimum: '#eab308',
  ideal: '#16a34a',
};

const FUNNEL_COLOR = '#24508f';
const REASON_COLOR = '#b45309';
const MIN_LINE_COLOR = '#b91c1c';
const IDEAL_LINE_COLOR = '#15803d';

function countAxis(title: string) {
  return {
    beginAtZero: true,
    title: { display: true, text: title, color: INK },
    // Counts of kelurahan and parcels are whole numbers: no 0,5 ticks.
    ticks: { precision: 0, color: INK },
    grid: { color: GRID },
  };
}

function categoryAxis() {
  return { ticks: { color: INK, autoSkip: false }, grid: { display: false } };
}

/**
 * One stacked bar per kecamatan, lying down so that long names (Bantargebang, Pondokmelati) read without
 * rotation: kelurahan with a qualifying site, with candidates only, without candidates.
 */
export function coverageChartConfig(
  rows: readonly KecamatanCoverage[],
  text: { groups: Record<CoverageGroup, string>; axis: string },
): BarConfig {
  return {
    type: 'bar',
    data: {
      labels: rows.map((row) => row.kecamatan_nama),
      datasets: COVERAGE_GROUPS.map((group) => ({
        label: text.groups[group],
        data: rows.map((row) => row[group]),
        backgroundColor: COVERAGE_GROUP_COLORS[group],
        borderColor: '#ffffff',
        borderWidth: 1,
        stack: 'kelurahan',
      })),
    },
    options: {
      locale: LOCALE,
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { ...countAxis(text.axis), stacked: true },
        y: { ...categoryAxis(), stacked: true },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: INK } },
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'bar'>) => `${item.dataset.label}: ${formatInteger(item.parsed.x ?? 0)}`,
          },
        },
      },
    },
  };
}

/** The pipeline as a horizontal funnel: one bar per step, in order from top to bottom. */
export function funnelChartConfig(
  funnel: readonly StatusCount[],
  text: { statusLabel: (status: StatusCount['status']) => string; axis: string; parcels: (count: string) => string },
): BarConfig {
  return {
    type: 'bar',
    data: {
      labels: funnel.map((step) => text.statusLabel(step.status)),
      datasets: [
        {
          label: text.axis,
          data: funnel.map((step) => step.parcels),
          backgroundColor: FUNNEL_COLOR,
          borderRadius: 3,
        },
      ],
    },
    options: {
      locale: LOCALE,
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      scales: { x: countAxis(text.axis), y: categoryAxis() },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: { label: (item: TooltipItem<'bar'>) => text.parcels(formatInteger(item.parsed.x ?? 0)) },
        },
      },
    },
  };
}

export type ReferenceLine = { value: number; label: string; color: string; dash: number[] };

/** Horizontal lines across the plot at given y values, labelled at their left end (above the small bars). */
export function referenceLinesPlugin(lines: readonly ReferenceLine[]): Plugin<'bar'> {
  return {
    id: 'tapakReferenceLines',
    afterDatasetsDraw(chart) {
      const scale = chart.scales.y;
      if (!scale) return;
      const { ctx, chartArea } = chart;
      for (const line of lines) {
        const y = scale.getPixelForValue(line.value);
        if (y < chartArea.top || y > chartArea.bottom) continue;
        ctx.save();
        ctx.strokeStyle = line.color;
        ctx.lineWidth = 2;
        ctx.setLineDash(line.dash);
        ctx.beginPath();
        ctx.moveTo(chartArea.left, y);
        ctx.lineTo(chartArea.right, y);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = line.color;
        ctx.font = `600 12px ${chart.options.font?.family ?? 'sans-serif'}`;
        ctx.textBaseline = 'bottom';
        ctx.fillText(line.label, chartArea.left + 6, y - 3);
        ctx.restore();
      }
    },
  };
}

/**
 * Every live candidate's area, smallest first, coloured by where it stands against the minimum and ideal
 * areas, with both lines drawn. One dataset per band (with gaps) so the legend names the colours; the bars
 * are not grouped, so each candidate keeps one full-width slot.
 */
export function areaChartConfig(
  candidates: readonly DashboardCandidateArea[],
  thresholds: AreaThresholds,
  text: {
    bands: Record<AreaBand, string>;
    axisArea: string;
    axisParcels: string;
    minLine: string;
    idealLine: string;
    place: (candidate: DashboardCandidateArea) => string;
  },
): BarConfig {
  const bands = candidates.map((candidate) => areaBand(candidate.area_m2, thresholds));
  // Names on the axis only while they can be read; beyond that the tooltip names each bar.
  const showNames = candidates.length <= 24;
  return {
    type: 'bar',
    data: {
      labels: candidates.map((candidate) => (showNames ? wrapLabel(candidate.name, 16) : candidate.name)),
      datasets: AREA_BANDS.map((band) => ({
        label: text.bands[band],
        data: candidates.map((candidate, i) => (bands[i] === band ? candidate.area_m2 : null)),
        backgroundColor: AREA_BAND_COLORS[band],
        grouped: false,
        skipNull: true,
        barPercentage: 0.9,
        categoryPercentage: 1,
      })),
    },
    options: {
      locale: LOCALE,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: {
          title: { display: true, text: text.axisParcels, color: INK },
          ticks: { display: showNames, color: INK, autoSkip: false, maxRotation: 60 },
          grid: { display: false },
        },
        y: {
          beginAtZero: true,
          // Both lines stay on the chart even when every candidate is small.
          suggestedMax: thresholds.ideal_area_m2 * 1.15,
          title: { display: true, text: text.axisArea, color: INK },
          ticks: { color: INK },
          grid: { color: GRID },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: INK } },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'bar'>[]) => candidates[items[0]?.dataIndex ?? 0]?.name ?? '',
            label: (item: TooltipItem<'bar'>) => formatAreaM2(item.parsed.y ?? 0),
            afterLabel: (item: TooltipItem<'bar'>) => {
              const candidate = candidates[item.dataIndex];
              return candidate ? text.place(candidate) : '';
            },
          },
        },
      },
    },
    plugins: [
      referenceLinesPlugin([
        { value: thresholds.min_area_m2, label: text.minLine, color: MIN_LINE_COLOR, dash: [6, 4] },
        { value: thresholds.ideal_area_m2, label: text.idealLine, color: IDEAL_LINE_COLOR, dash: [2, 3] },
      ]),
    ],
  };
}

/** Kelurahan per no-site reason, one horizontal bar per reason, labels wrapped to stay readable. */
export function reasonChartConfig(
  counts: readonly ReasonCount[],
  text: { reasonLabel: (reason: string) => string; axis: string; kelurahan: (count: string) => string },
): BarConfig {
  return {
    type: 'bar',
    data: {
      labels: counts.map((c) => wrapLabel(text.reasonLabel(c.reason), 28)),
      datasets: [
        {
          label: text.axis,
          data: counts.map((c) => c.kelurahan),
          backgroundColor: REASON_COLOR,
          borderRadius: 3,
        },
      ],
    },
    options: {
      locale: LOCALE,
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      scales: { x: countAxis(text.axis), y: categoryAxis() },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'bar'>[]) => text.reasonLabel(counts[items[0]?.dataIndex ?? 0]?.reason ?? ''),
            label: (item: TooltipItem<'bar'>) => text.kelurahan(formatInteger(item.parsed.x ?? 0)),
          },
        },
      },
    },
  };
}
