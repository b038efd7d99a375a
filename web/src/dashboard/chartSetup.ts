import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  type Plugin,
  SubTitle,
  Title,
  Tooltip,
} from 'chart.js';

// Only the pieces the dashboard draws (bar charts, their scales, legend, tooltip, titles): chart.js is
// tree-shakeable, and this module is loaded with the dashboard's lazy chunk, never with the map.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, Title, SubTitle);
// The page's own font (styles.css --font) and ink, so the charts read like the rest of the app.
Chart.defaults.font.family =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif';
Chart.defaults.color = '#1b2330';

/** A canvas is transparent: paint it white under the chart so a downloaded PNG reads on any background. */
export const whiteBackgroundPlugin: Plugin = {
  id: 'tapakWhiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export { Chart };
export type AnyChartConfig = ChartConfiguration<'bar', Array<number | null>, string | string[]>;
