import type { ApiError } from '../api/client.ts';
import type { Health } from '../api/types.ts';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Loadable } from '../state/useTapakData.ts';

type Props = {
  health: Loadable<Health>;
  kelurahanError: ApiError | null;
  withBoundary: number | null;
  total: number | null;
  basemapFailed: boolean;
  onDismissBasemap: () => void;
  onRetry: () => void;
};

/** Problems the planner must know about, in order of how much they block the work. */
export function Banners({
  health,
  kelurahanError,
  withBoundary,
  total,
  basemapFailed,
  onDismissBasemap,
  onRetry,
}: Props) {
  const { t, locale } = useI18n();
  // No answer at all means the server is down or not started: say so, rather than blame the data.
  const unreachable = (health.status === 'error' && health.error.unreachable) || kelurahanError?.unreachable === true;
  const boundaries = health.status === 'ready' ? health.data.boundaries : null;
  return (
    <div className="banners">
      {unreachable && (
        <div className="banner banner-error" role="alert" data-testid="banner-api">
          <div>
            <strong>{t.banner.apiUnreachableTitle}</strong> {t.banner.apiUnreachableBody}
          </div>
          <button type="button" className="button" onClick={onRetry}>
            {t.banner.retry}
          </button>
        </div>
      )}
      {!unreachable && kelurahanError && (
        <div className="banner banner-error" role="alert" data-testid="banner-kelurahan">
          <div>
            <strong>{t.banner.apiErrorTitle}</strong> {kelurahanError.problem?.detail ?? kelurahanError.problem?.title}
          </div>
          <button type="button" className="button" onClick={onRetry}>
            {t.banner.retry}
          </button>
        </div>
      )}
      {boundaries?.status === 'missing' && (
        <div className="banner banner-warning" role="status" data-testid="banner-boundaries">
          <div>
            <strong>{t.banner.boundariesMissingTitle}</strong> {t.banner.boundariesMissingBody}
            <code className="command">{t.banner.boundariesCommand}</code>
            {boundaries.hint && <p className="banner-hint">{boundaries.hint[locale]}</p>}
          </div>
        </div>
      )}
      {boundaries?.status === 'fetching' && (
        <div className="banner banner-info" role="status" data-testid="banner-fetching">
          <span className="spinner" aria-hidden="true" />
          <div>
            <strong>{t.banner.boundariesFetchingTitle}</strong> {t.banner.boundariesFetchingBody}
            {boundaries.hint && <p className="banner-hint">{boundaries.hint[locale]}</p>}
          </div>
        </div>
      )}
      {boundaries?.status === 'ready' && withBoundary !== null && total !== null && withBoundary < total && (
        <div className="banner banner-warning" role="status">
          <div>{t.banner.partialBoundaries(formatInteger(withBoundary), formatInteger(total))}</div>
        </div>
      )}
      {basemapFailed && (
        <div className="banner banner-info" role="status">
          <div>{t.map.basemapFailed}</div>
          <button type="button" className="button-icon" aria-label={t.banner.dismiss} onClick={onDismissBasemap}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
