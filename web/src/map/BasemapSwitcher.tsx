import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { BASEMAP_IDS, type BasemapId } from './basemaps.ts';

type Props = { value: BasemapId; onChange: (id: BasemapId) => void };

export function BasemapSwitcher({ value, onChange }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  // Close on Escape or a click elsewhere, as a menu-like popover should.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        rootRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="basemap" ref={rootRef}>
      <button
        type="button"
        className="map-button basemap-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        data-testid="basemap-button"
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d="M10 3l7 4-7 4-7-4 7-4z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
          <path d="M3 11l7 4 7-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
        </svg>
        <span>{t.map.basemap}</span>
      </button>
      {open && (
        <fieldset id={panelId} className="map-card basemap-options">
          <legend>{t.map.basemap}</legend>
          {BASEMAP_IDS.map((id) => (
            <label key={id} className="radio">
              <input
                type="radio"
                name="basemap"
                value={id}
                checked={value === id}
                onChange={() => {
                  onChange(id);
                  setOpen(false);
                }}
              />
              <span>
                {t.map.basemapOptions[id]}
                {id !== 'none' && <small>{t.map.basemapNeedsInternet}</small>}
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
