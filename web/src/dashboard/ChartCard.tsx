import { type ReactNode, useEffect, useRef, useState } from 'react';
import { icons } from '../editor/icons.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { type AnyChartConfig, Chart, whiteBackgroundPlugin } from './chartSetup.ts';
import { pngFileName } from './dashboardData.ts';
import { downloadChartPng } from './exportPng.ts';

type Props = {
  /** Stable id: the test id, and the slug of the downloaded file (tapak-<slug>-<date>.png). */
  slug: string;
  title: string;
  description: string;
  /** Region and date, written under the title in the downloaded image. */
  subtitle: string;
  config: AnyChartConfig;
  /** Height of the plot on screen, in CSS pixels. */
  heightPx?: number;
  /** What belongs with the chart but not in it (e.g. rejected parcels, apart from the funnel). */
  children?: ReactNode;
};

/** One dashboard chart: heading, the canvas (Chart.js, redrawn when its configuration changes) and "Unduh PNG". */
export function ChartCard({ slug, title, description, subtitle, config, heightPx = 320, children }: Props) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [exporting, setExporting] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = new Chart(canvas, { ...config, plugins: [...(config.plugins ?? []), whiteBackgroundPlugin] });
    canvas.dataset.rendered = 'true';
    return () => {
      delete canvas.dataset.rendered;
      chart.destroy();
    };
  }, [config]);

  const download = async () => {
    setExporting(true);
    setFailed(false);
    try {
      await downloadChartPng(config, { title, subtitle }, pngFileName(slug, new Date()));
    } catch {
      setFailed(true);
    } finally {
      setExporting(false);
    }
  };

  return (
    <figure className="dashboard-card" data-testid={`chart-${slug}`}>
      <figcaption className="dashboard-card-head">
        <h2 className="dashboard-card-title">{title}</h2>
        <p className="dashboard-card-description">{description}</p>
      </figcaption>
      <div className="dashboard-canvas" style={{ height: heightPx }}>
        <canvas ref={canvasRef} role="img" aria-label={`${title}. ${description}`} />
      </div>
      {children}
      <div className="dashboard-card-actions">
        {failed && (
          <span className="dashboard-error" role="alert">
            {t.dashboard.downloadFailed}
          </span>
        )}
        <button
          type="button"
          className="button"
          onClick={() => void download()}
          disabled={exporting}
          aria-label={t.dashboard.downloadPngLabel(title)}
          data-testid="download-png"
        >
          {icons.download}
          {t.dashboard.downloadPng}
        </button>
      </div>
    </figure>
  );
}
