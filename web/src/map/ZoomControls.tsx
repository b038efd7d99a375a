import { useI18n } from '../i18n/i18n.tsx';
import { useTapakMap } from './MapView.tsx';

/** Our own buttons rather than MapLibre's NavigationControl: localized labels and the app's look. */
export function ZoomControls() {
  const { t } = useI18n();
  const controller = useTapakMap();
  if (!controller) return null;
  return (
    <div className="zoom-controls">
      <button
        type="button"
        className="map-button"
        aria-label={t.map.zoomIn}
        title={t.map.zoomIn}
        onClick={() => controller.zoomBy(1)}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d="M10 4v12M4 10h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <button
        type="button"
        className="map-button"
        aria-label={t.map.zoomOut}
        title={t.map.zoomOut}
        onClick={() => controller.zoomBy(-1)}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d="M4 10h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <button
        type="button"
        className="map-button"
        aria-label={t.map.resetView}
        title={t.map.resetView}
        onClick={() => controller.fitCity()}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path
            d="M3 7V3h4M13 3h4v4M17 13v4h-4M7 17H3v-4"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
    </div>
  );
}
