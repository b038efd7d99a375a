import { useCallback, useEffect, useId, useState } from 'react';
import { parseLocaleNumber } from '../domain/parcelForm.ts';
import { formatCoordinate, formatMeters } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Dialog } from '../ui/Dialog.tsx';

type Fix = { lon: number; lat: number; accuracy: number };
type State =
  | { status: 'locating' }
  | { status: 'ready'; fix: Fix }
  | { status: 'error'; reason: 'unsupported' | 'denied' | 'failed' };

const LOW_ACCURACY_M = 15;

/** A lurah in the field: a rectangle of a given size around the phone's GPS position. */
export function GpsDialog({
  onCreate,
  onClose,
}: {
  onCreate: (fix: Fix, width: number, depth: number, bearing: number) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ status: 'locating' });
  const [width, setWidth] = useState('35');
  const [depth, setDepth] = useState('25');
  const [bearing, setBearing] = useState('90');
  const ids = { width: useId(), depth: useId(), bearing: useId() };

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'error', reason: 'unsupported' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) =>
        setState({
          status: 'ready',
          fix: { lon: position.coords.longitude, lat: position.coords.latitude, accuracy: position.coords.accuracy },
        }),
      (error) => setState({ status: 'error', reason: error.code === error.PERMISSION_DENIED ? 'denied' : 'failed' }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 10_000 },
    );
  }, []);
  useEffect(locate, [locate]);

  const w = parseLocaleNumber(width);
  const d = parseLocaleNumber(depth);
  const b = parseLocaleNumber(bearing);
  const valid =
    w !== null && d !== null && b !== null && w >= 1 && d >= 1 && w <= 500 && d <= 500 && Number.isFinite(b);

  return (
    <Dialog
      title={t.gps.title}
      onClose={onClose}
      testId="gps-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t.gps.cancel}
          </button>
          {state.status === 'error' && (
            <button type="button" className="button" onClick={locate}>
              {t.gps.retry}
            </button>
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={state.status !== 'ready' || !valid}
            onClick={() => state.status === 'ready' && valid && onCreate(state.fix, w, d, ((b % 180) + 180) % 180)}
          >
            {t.gps.create}
          </button>
        </>
      }
    >
      <p className="dialog-text">{t.gps.intro}</p>
      <div className="gps-fix" aria-live="polite">
        {state.status === 'locating' && (
          <p className="gps-locating">
            <span className="spinner" aria-hidden="true" /> {t.gps.locating}
          </p>
        )}
        {state.status === 'error' && <p className="form-error">{t.gps[state.reason]}</p>}
        {state.status === 'ready' && (
          <>
            <p>
              <strong>{t.gps.position}:</strong> {t.map.longitude}{' '}
              <span className="mono">{formatCoordinate(state.fix.lon)}</span> · {t.map.latitude}{' '}
              <span className="mono">{formatCoordinate(state.fix.lat)}</span>
            </p>
            <p className={state.fix.accuracy > LOW_ACCURACY_M ? 'form-warning' : 'muted'}>
              {t.gps.accuracy(formatMeters(state.fix.accuracy, 0))}
              {state.fix.accuracy > LOW_ACCURACY_M && <> · {t.gps.lowAccuracy}</>}
            </p>
          </>
        )}
      </div>
      <div className="field-row">
        <label className="field" htmlFor={ids.width}>
          <span className="field-label">{t.gps.width}</span>
          <input id={ids.width} inputMode="decimal" value={width} onChange={(e) => setWidth(e.target.value)} />
        </label>
        <label className="field" htmlFor={ids.depth}>
          <span className="field-label">{t.gps.depth}</span>
          <input id={ids.depth} inputMode="decimal" value={depth} onChange={(e) => setDepth(e.target.value)} />
        </label>
        <label className="field" htmlFor={ids.bearing}>
          <span className="field-label">{t.gps.bearing}</span>
          <input id={ids.bearing} inputMode="decimal" value={bearing} onChange={(e) => setBearing(e.target.value)} />
        </label>
      </div>
    </Dialog>
  );
}
