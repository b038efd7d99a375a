import { COVERAGE_COLORS, type CoverageState } from '../domain/coverage.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function CoverageBadge({ state }: { state: CoverageState }) {
  const { t } = useI18n();
  const colors = COVERAGE_COLORS[state];
  return (
    <span
      className="badge"
      data-state={state}
      title={t.coverage[state]}
      style={{ background: colors.tint, color: colors.ink }}
    >
      <span className="badge-dot" style={{ background: colors.fill }} aria-hidden="true" />
      {t.coverageShort[state]}
    </span>
  );
}
