import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import type { LayerSummary } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

// The list and legend use the core's kind labels; they load with the first opening (the core's contract
// module brings zod, which stays out of the first paint).
const LayersMenu = lazy(() => import('./LayersMenu.tsx'));

type Props = {
  layers: readonly LayerSummary[] | null;
  failed: boolean;
  visible: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  onImport: () => void;
  onReplace: (layer: LayerSummary) => void;
  onDelete: (layer: LayerSummary) => void;
  /** Why this user may not change city-wide layers (core access rule, UI language); null when allowed. */
  writeRefusal?: string | null;
};

/** "Lapisan": the overlay layers with a visibility toggle each, a legend per kind and import/replace/delete. */
export function LayersControl(props: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) {
        setOpen(false);
        rootRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!rootRef.current?.contains(target) && !document.querySelector('dialog[open]')?.contains(target)) {
        setOpen(false);
      }
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const shown = props.layers?.filter((l) => props.visible.has(l.id)).length ?? 0;

  return (
    <div className="basemap layers-control" ref={rootRef}>
      <button
        type="button"
        className="map-button basemap-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        data-testid="layers-button"
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <rect x="3" y="3" width="14" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M3 8h14M8 3v14" fill="none" stroke="currentColor" strokeWidth="1.4" />
        </svg>
        <span>{t.layers.button}</span>
        {shown > 0 && <span className="chip-count">{shown}</span>}
      </button>
      {open && (
        <section id={panelId} className="map-card basemap-options layers-options" aria-label={t.layers.title}>
          <Suspense fallback={<p className="layers-empty">…</p>}>
            <LayersMenu
              {...props}
              onImport={() => {
                setOpen(false);
                props.onImport();
              }}
              onReplace={(layer) => {
                setOpen(false);
                props.onReplace(layer);
              }}
              onDelete={(layer) => {
                setOpen(false);
                props.onDelete(layer);
              }}
            />
          </Suspense>
        </section>
      )}
    </div>
  );
}
