import type { DashboardCandidateArea } from '@tapak/core';
import { useCallback, useMemo } from 'react';
import { formatAreaM2, formatDate, formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ChartCard } from './ChartCard.tsx';
import { areaChartConfig, coverageChartConfig, funnelChartConfig, reasonChartConfig } from './chartConfigs.ts';
import {
  type CoverageGroup,
  countReasons,
  coverageByKecamatan,
  kelurahanWithoutSite,
  pipelineFunnel,
  sortedCandidateAreas,
} from './dashboardData.ts';
import { NoSiteTable } from './NoSiteTable.tsx';
import { type DashboardData, useDashboardData } from './useDashboardData.ts';
import './dashboard.css';

/**
 * Height of a chart of lying bars: room per bar so labels never collide (a province has many kecamatan),
 * plus the axis and legend, and never shorter than its neighbour in the grid.
 */
function barListHeightPx(bars: number, chromePx: number, perBarPx = 30): number {
  return Math.max(300, bars * perBarPx + chromePx);
}

type Props = {
  /** Changes whenever parcels change (the app's parcel revision): the dashboard reads its data again. */
  revision: number;
};

/** The "Dasbor" view: coverage by kecamatan, the pipeline, candidate areas and why kelurahan lack a site. */
export default function Dashboard({ revision }: Props) {
  const { t } = useI18n();
  const { state, retry } = useDashboardData(revision);
  return (
    <section className="dashboard" aria-labelledby="dashboard-title" data-testid="dashboard">
      <div className="dashboard-inner">
        {state.status === 'loading' && (
          <p className="dashboard-note" role="status">
            {t.dashboard.loading}
          </p>
        )}
        {state.status === 'error' && (
          <div className="dashboard-note dashboard-note-error" role="alert">
            <p>{t.dashboard.loadFailed}</p>
            <button type="button" className="button" onClick={retry}>
              {t.dashboard.retry}
            </button>
          </div>
        )}
        {state.status === 'ready' && <DashboardContent data={state.data} />}
      </div>
    </section>
  );
}

function DashboardContent({ data }: { data: DashboardData }) {
  const { t } = useI18n();
  const d = t.dashboard;
  const { coverage, dashboard, thresholds } = data;
  const subtitle = d.asOf(coverage.region.nama, formatDate(new Date()));

  const kecamatan = useMemo(() => coverageByKecamatan(coverage.kelurahan), [coverage]);
  const withoutSite = useMemo(() => kelurahanWithoutSite(coverage.kelurahan), [coverage]);
  const reasons = useMemo(() => countReasons(withoutSite), [withoutSite]);
  const { funnel, apart } = useMemo(() => pipelineFunnel(dashboard.status_counts), [dashboard]);
  const candidates = useMemo(() => sortedCandidateAreas(dashboard.candidate_areas), [dashboard]);

  // The same reason labels as the kelurahan panel (messages' detail.noSiteReasons), never a copy.
  const reasonLabel = useCallback((reason: string) => t.detail.noSiteReasons[reason] ?? reason, [t]);
  const minLabel = formatAreaM2(thresholds.min_area_m2).replace(/,0 m²$/, ' m²');
  const idealLabel = formatAreaM2(thresholds.ideal_area_m2).replace(/,0 m²$/, ' m²');

  // Configurations are rebuilt only when data or language change, so the charts are not redrawn needlessly.
  const coverageConfig = useMemo(() => {
    // The map legend's coverage labels: a kelurahan with a shortlist also has a qualifying site.
    const groups: Record<CoverageGroup, string> = {
      qualifying: t.coverage.qualifying,
      candidatesOnly: t.coverage.candidates,
      noCandidate: t.coverage.none,
    };
    return coverageChartConfig(kecamatan, { groups, axis: t.dashboard.coverage.axis });
  }, [kecamatan, t]);
  const funnelConfig = useMemo(
    () =>
      funnelChartConfig(funnel, {
        statusLabel: (status) => t.status[status],
        axis: d.funnel.axis,
        parcels: d.parcels,
      }),
    [funnel, t, d],
  );
  const areaConfig = useMemo(
    () =>
      areaChartConfig(candidates, thresholds, {
        bands: d.areas.bands,
        axisArea: d.areas.axisArea,
        axisParcels: d.areas.axisParcels,
        minLine: d.areas.minLine(minLabel),
        idealLine: d.areas.idealLine(idealLabel),
        place: (c: DashboardCandidateArea) => `${c.kelurahan_nama} · ${c.kecamatan_nama} · ${t.status[c.status]}`,
      }),
    [candidates, thresholds, t, d, minLabel, idealLabel],
  );
  const reasonConfig = useMemo(
    () => reasonChartConfig(reasons, { reasonLabel, axis: d.reasons.axis, kelurahan: d.kelurahanCount }),
    [reasons, reasonLabel, d],
  );

  const totalKelurahan = coverage.totals.kelurahan;
  const withSite = coverage.totals.with_qualifying_site;
  return (
    <>
      <header className="dashboard-head">
        <div>
          <h1 id="dashboard-title" className="dashboard-title">
            {d.title}
          </h1>
          <p className="dashboard-subtitle">{subtitle}</p>
        </div>
        <p className="dashboard-summary" data-testid="dashboard-summary">
          {d.coverage.summary(formatInteger(withSite), formatInteger(totalKelurahan))}
        </p>
      </header>
      {data.thresholdsFallback && (
        <p className="dashboard-note dashboard-note-warning" role="status">
          {d.criteriaFallback}
        </p>
      )}
      <div className="dashboard-grid">
        <ChartCard
          slug="cakupan-kecamatan"
          title={d.coverage.title}
          description={d.coverage.description}
          subtitle={`${subtitle} · ${d.coverage.summary(formatInteger(withSite), formatInteger(totalKelurahan))}`}
          config={coverageConfig}
          heightPx={barListHeightPx(kecamatan.length, 56)}
        />
        <ChartCard
          slug="tahapan-bidang"
          title={d.funnel.title}
          description={d.funnel.description}
          subtitle={`${subtitle} · ${d.funnel.apart}: ${apart
            .map((a) => `${t.status[a.status]} ${formatInteger(a.parcels)}`)
            .join(', ')}`}
          config={funnelConfig}
          heightPx={barListHeightPx(funnel.length, 40)}
        >
          <dl className="dashboard-apart" data-testid="pipeline-apart">
            <dt>{d.funnel.apart}</dt>
            {apart.map((a) => (
              <dd key={a.status}>
                {t.status[a.status]}: <strong>{d.parcels(formatInteger(a.parcels))}</strong>
              </dd>
            ))}
          </dl>
        </ChartCard>
        <ChartCard
          slug="luas-kandidat"
          title={d.areas.title}
          description={d.areas.description(minLabel, idealLabel)}
          subtitle={`${subtitle} · ${d.parcels(formatInteger(candidates.length))}`}
          config={areaConfig}
        >
          {candidates.length === 0 && <p className="dashboard-card-note">{d.areas.empty}</p>}
        </ChartCard>
        <ChartCard
          slug="alasan-belum-memenuhi"
          title={d.reasons.title}
          description={d.reasons.description}
          subtitle={`${subtitle} · ${d.kelurahanCount(formatInteger(totalKelurahan - withSite))}`}
          config={reasonConfig}
          heightPx={barListHeightPx(reasons.length, 56, 44)}
        />
      </div>
      <NoSiteTable groups={withoutSite} reasonLabel={reasonLabel} />
    </>
  );
}
