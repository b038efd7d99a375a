import type { Polygon } from 'geojson';
import { useId, useMemo, useState } from 'react';
import { type CoordinateSystem, type ParseIssue, parseCoordinateText } from '../domain/coordinates.ts';
import type { Hemisphere } from '../domain/utm.ts';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/messages.id.ts';
import { Dialog } from '../ui/Dialog.tsx';

const ZONES = [46, 47, 48, 49, 50, 51, 52, 53, 54];

function issueText(t: Messages, issue: ParseIssue): string {
  switch (issue.kind) {
    case 'unreadable':
      return t.coordinates.issues.unreadable(formatInteger(issue.line), issue.text);
    case 'out_of_range':
      return t.coordinates.issues.out_of_range(formatInteger(issue.line), issue.text);
    case 'too_few_points':
      return t.coordinates.issues.too_few_points(formatInteger(issue.count));
    case 'empty':
      return t.coordinates.issues.empty;
    case 'unsupported_geometry':
      return t.coordinates.issues.unsupported_geometry(issue.detail);
  }
}

/** "Masukkan koordinat": a parcel from a pasted list of corners (lon/lat, UTM, WKT or GeoJSON). */
export function CoordinateDialog({ onApply, onClose }: { onApply: (polygon: Polygon) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [system, setSystem] = useState<CoordinateSystem | 'auto'>('auto');
  const [zone, setZone] = useState(48);
  const [hemisphere, setHemisphere] = useState<Hemisphere>('S');
  const ids = { text: useId(), system: useId(), zone: useId() };
  const result = useMemo(
    () => (text.trim() === '' ? null : parseCoordinateText(text, { system, utmZone: { zone, hemisphere } })),
    [text, system, zone, hemisphere],
  );
  const showZone = system === 'utm' || (result?.ok === true && result.system === 'utm');

  return (
    <Dialog
      title={t.coordinates.title}
      onClose={onClose}
      wide
      testId="coordinate-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t.coordinates.cancel}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!result?.ok}
            onClick={() => result?.ok && onApply({ type: 'Polygon', coordinates: [result.ring] })}
            data-testid="coordinates-apply"
          >
            {t.coordinates.apply}
          </button>
        </>
      }
    >
      <p className="dialog-text">{t.coordinates.intro}</p>
      <label className="field" htmlFor={ids.text}>
        <span className="field-label">{t.coordinates.label}</span>
        <textarea
          id={ids.text}
          className="coordinates-input mono"
          rows={8}
          value={text}
          placeholder={t.coordinates.placeholder}
          spellCheck={false}
          onChange={(event) => setText(event.target.value)}
          data-testid="coordinates-text"
        />
      </label>
      <div className="field-row">
        <label className="field" htmlFor={ids.system}>
          <span className="field-label">{t.coordinates.system}</span>
          <select
            id={ids.system}
            value={system}
            onChange={(event) => setSystem(event.target.value as CoordinateSystem | 'auto')}
          >
            {(['auto', 'lonlat', 'utm'] as const).map((option) => (
              <option key={option} value={option}>
                {t.coordinates.systems[option]}
              </option>
            ))}
          </select>
        </label>
        {showZone && (
          <label className="field" htmlFor={ids.zone}>
            <span className="field-label">{t.coordinates.zone}</span>
            <select
              id={ids.zone}
              value={`${zone}${hemisphere}`}
              onChange={(event) => {
                setZone(Number.parseInt(event.target.value, 10));
                setHemisphere(event.target.value.endsWith('N') ? 'N' : 'S');
              }}
            >
              {ZONES.flatMap((z) => [`${z}S`, `${z}N`]).map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="coordinates-result" aria-live="polite" data-testid="coordinates-result">
        {result?.ok && (
          <p className="result-ok">
            {t.coordinates.preview(formatInteger(result.points), t.coordinates.systems[result.system])}
            {result.swapped && <> · {t.coordinates.swapped}</>}
          </p>
        )}
        {result && !result.ok && (
          <ul className="result-issues">
            {result.issues.slice(0, 8).map((issue) => (
              <li key={`${issue.kind}-${'line' in issue ? issue.line : ''}`}>{issueText(t, issue)}</li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
