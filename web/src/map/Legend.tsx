import { useEffect, useState } from 'react';
import { COVERAGE_COLORS, COVERAGE_STATES, type CoverageState } from '../domain/coverage.ts';
import { STATUS_STYLES, VERDICT_COLORS, VERDICTS } from '../domain/verdict.ts';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useTapakMap } from './MapView.tsx';

type Props = {
  counts: Record<CoverageState, number> | null;
  filterActive: boolean;
  defaultOpen: boolean;
  /** Parcels exist or are being drawn: explain their colours too. */
  showParcels: boolean;
};

type View = 'kelurahan' | 'parcels';

const LEGEND_STATUSES = ['kandidat', 'diverifikasi', 'diusulkan', 'disetujui', 'ditolak'] as const;
/** From this zoom parcels are drawn as shapes: the legend explains them first. */
const PARCEL_ZOOM = 14;

/** Follows the map: the coverage colours at city scale, the parcel colours once parcels fill the view. */
function useAutoView(enabled: boolean): View {
  const controller = useTapakMap();
  const [view, setView] = useState<View>('kelurahan');
  useEffect(() => {
    if (!controller || !enabled) {
      setView('kelurahan');
      return;
    }
    const map = controller.map;
    const update = () => setView(map.getZoom() >= PARCEL_ZOOM ? 'parcels' : 'kelurahan');
    update();
    map.on('zoomend', update);
    return () => {
      map.off('zoomend', update);
    };
  }, [controller, enabled]);
  return view;
}

export function Legend({ counts, filterActive, defaultOpen, showParcels }: Props) {
  const { t } = useI18n();
  const auto = useAutoView(showParcels);
  const [chosen, setChosen] = useState<View | null>(null);
  // A choice holds until the map crosses the parcel zoom again.
  useEffect(() => {
    void auto;
    setChosen(null);
  }, [auto]);
  const view = showParcels ? (chosen ?? auto) : 'kelurahan';

  return (
    <details className="map-card legend" open={defaultOpen} data-testid="legend">
      <summary>{t.map.legend}</summary>
      {showParcels && (
        <div className="legend-tabs" role="tablist">
          {(['kelurahan', 'parcels'] as const).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={view === id}
              className="legend-tab"
              onClick={() => setChosen(id)}
            >
              {id === 'kelurahan' ? t.tabs.kelurahan : t.legendParcels.title}
            </button>
          ))}
        </div>
      )}
      {view === 'kelurahan' ? (
        <ul>
          {[...COVERAGE_STATES].reverse().map((state) => (
            <li key={state}>
              <span className="swatch" style={{ background: COVERAGE_COLORS[state].fill }} aria-hidden="true" />
              <span className="legend-label">{t.coverage[state]}</span>
              {counts && <span className="legend-count">{formatInteger(counts[state])}</span>}
            </li>
          ))}
          {filterActive && (
            <li>
              <span className="swatch swatch-dimmed" aria-hidden="true" />
              <span className="legend-label">{t.map.legendDimmed}</span>
            </li>
          )}
          <li className="legend-sep">
            <span className="line-swatch line-kecamatan" aria-hidden="true" />
            <span className="legend-label">{t.map.legendKecamatan}</span>
          </li>
          <li>
            <span className="line-swatch line-kelurahan" aria-hidden="true" />
            <span className="legend-label">{t.map.legendKelurahan}</span>
          </li>
          <li>
            <span className="line-swatch line-selected" aria-hidden="true" />
            <span className="legend-label">{t.map.legendSelected}</span>
          </li>
        </ul>
      ) : (
        <ul className="legend-parcels">
          <li className="legend-heading">{t.legendParcels.fill}</li>
          {VERDICTS.map((verdict) => (
            <li key={verdict}>
              <span className="swatch" style={{ background: VERDICT_COLORS[verdict].fill }} aria-hidden="true" />
              <span className="legend-label">{t.verdict[verdict]}</span>
            </li>
          ))}
          <li className="legend-heading legend-sep">{t.legendParcels.outline}</li>
          {LEGEND_STATUSES.map((status) => (
            <li key={status}>
              <span
                className="line-swatch"
                style={{
                  borderTop: `${Math.min(STATUS_STYLES[status].width, 3)}px ${STATUS_STYLES[status].dashed ? 'dashed' : 'solid'} ${STATUS_STYLES[status].color}`,
                }}
                aria-hidden="true"
              />
              <span className="legend-label">{t.status[status]}</span>
            </li>
          ))}
          <li className="legend-sep">
            <span className="swatch swatch-footprint" aria-hidden="true" />
            <span className="legend-label">{t.legendParcels.footprint}</span>
          </li>
        </ul>
      )}
    </details>
  );
}
