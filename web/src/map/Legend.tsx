import { COVERAGE_COLORS, COVERAGE_STATES, type CoverageState } from '../domain/coverage.ts';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Props = { counts: Record<CoverageState, number> | null; filterActive: boolean; defaultOpen: boolean };

export function Legend({ counts, filterActive, defaultOpen }: Props) {
  const { t } = useI18n();
  return (
    <details className="map-card legend" open={defaultOpen} data-testid="legend">
      <summary>{t.map.legend}</summary>
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
    </details>
  );
}
