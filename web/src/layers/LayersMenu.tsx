import { overlayKindLabels } from '@tapak/core/contracts/overlay';
import type { LayerSummary, OverlayKind } from '../api/types.ts';
import { OVERLAY_COLORS, OVERLAY_KINDS, overlayShape } from '../domain/layers.ts';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Props = {
  layers: readonly LayerSummary[] | null;
  failed: boolean;
  visible: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  onImport: () => void;
  onReplace: (layer: LayerSummary) => void;
  onDelete: (layer: LayerSummary) => void;
  /** Why this user may not change city-wide layers; the change buttons hide and import says why. */
  writeRefusal?: string | null | undefined;
};

/** The legend mark of a kind: a hatched or filled square, a line or a dot. */
export function KindSwatch({ kind }: { kind: OverlayKind }) {
  const color = OVERLAY_COLORS[kind];
  const shape = overlayShape(kind);
  return (
    <svg className="layer-swatch" viewBox="0 0 16 16" aria-hidden="true">
      {shape === 'area' && (
        <>
          <rect
            x="1.5"
            y="1.5"
            width="13"
            height="13"
            fill={color}
            fillOpacity="0.25"
            stroke={color}
            strokeWidth="1.5"
          />
          {kind === 'flood' && <path d="M1.5 9.5l8-8M1.5 14.5l13-13M6.5 14.5l8-8" stroke={color} strokeWidth="1.2" />}
        </>
      )}
      {shape === 'line' && (
        <path d="M1 12L15 4" stroke={color} strokeWidth="3" strokeDasharray={kind === 'sutet' ? '4 2' : undefined} />
      )}
      {shape === 'point' && <circle cx="8" cy="8" r="4.5" fill={color} stroke="#fff" strokeWidth="1.5" />}
    </svg>
  );
}

export default function LayersMenu({
  layers,
  failed,
  visible,
  onToggle,
  onImport,
  onReplace,
  onDelete,
  writeRefusal = null,
}: Props) {
  const { t, locale } = useI18n();
  const kinds = OVERLAY_KINDS.filter((kind) => layers?.some((l) => l.kind === kind));
  return (
    <>
      <h2 className="layers-heading">{t.layers.title}</h2>
      {failed && <p className="field-error">{t.layers.loadFailed}</p>}
      {layers && layers.length === 0 && <p className="layers-empty">{t.layers.empty}</p>}
      {layers && layers.length > 0 && (
        <ul className="layers-list" data-testid="layers-list">
          {layers.map((layer) => (
            <li key={layer.id} className="layers-item" data-layer-id={layer.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={visible.has(layer.id)}
                  onChange={(event) => onToggle(layer.id, event.target.checked)}
                  aria-label={t.layers.show(layer.name)}
                />
                <KindSwatch kind={layer.kind} />
                <span>
                  {layer.name}
                  <small>
                    {overlayKindLabels[layer.kind][locale]} · {t.layers.features(formatInteger(layer.feature_count))}
                  </small>
                </span>
              </label>
              {writeRefusal === null && (
                <span className="layers-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onReplace(layer)}
                    aria-label={t.layers.replaceLabel(layer.name)}
                  >
                    {t.layers.replace}
                  </button>
                  <button
                    type="button"
                    className="button button-small button-quiet-danger"
                    onClick={() => onDelete(layer)}
                    aria-label={t.layers.deleteLabel(layer.name)}
                    data-testid="layer-delete"
                  >
                    {t.layers.delete}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {kinds.length > 0 && (
        <div className="layers-legend">
          <h3>{t.layers.legend}</h3>
          <ul>
            {kinds.map((kind) => (
              <li key={kind}>
                <KindSwatch kind={kind} />
                {overlayKindLabels[kind][locale]}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button
        type="button"
        className="button button-primary layers-import"
        onClick={onImport}
        disabled={writeRefusal !== null}
        title={writeRefusal ?? undefined}
        data-testid="layer-import"
      >
        {t.layers.import}
      </button>
    </>
  );
}
