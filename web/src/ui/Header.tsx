import { type ReactNode, useEffect, useRef, useState } from 'react';
import { formatInteger } from '../i18n/format.ts';
import { LOCALES, useI18n } from '../i18n/i18n.tsx';

type Props = {
  regionName: string | null;
  qualifying: number | null;
  total: number | null;
  /** Always in the header, also on a phone (the map / dashboard switch). */
  primary?: ReactNode;
  /** Buttons before the language toggle (settings, import, downloads, account); on a phone behind "Menu". */
  actions?: ReactNode;
};

/**
 * The brand, the region, the city's progress (always visible: "0/56"), and the actions. On a phone the actions
 * and the language toggle fold into one "Menu" panel under the header, so nothing overlaps at 360–430 px.
 */
export function Header({ regionName, qualifying, total, primary, actions }: Props) {
  const { t, locale, setLocale } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const onDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !toggleRef.current?.contains(target)) setMenuOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      toggleRef.current?.focus();
    };
    // A plain action (a dialog, a link) closes the phone menu; a button that opens its own popover keeps it.
    const onAction = (event: MouseEvent) => {
      const control = (event.target as Element).closest('button, a');
      if (control && !control.hasAttribute('aria-haspopup') && !control.closest('fieldset')) setMenuOpen(false);
    };
    const menu = menuRef.current;
    menu?.addEventListener('click', onAction);
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      menu?.removeEventListener('click', onAction);
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [menuOpen]);
  const hasProgress = qualifying !== null && total !== null && total > 0;
  const percent = hasProgress ? Math.round((qualifying / total) * 100) : 0;
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <div className="brand-text">
          <span className="brand-name">{t.appName}</span>
          <span className="brand-tagline">{t.appTagline}</span>
        </div>
      </div>
      {regionName && (
        <div className="region" data-testid="region-name">
          {regionName}
        </div>
      )}
      <div className="progress" data-testid="city-progress">
        {hasProgress && (
          <>
            <span className="progress-text progress-long">
              {t.header.progress(formatInteger(qualifying), formatInteger(total))}
            </span>
            <span className="progress-text progress-short" aria-hidden="true">
              {t.header.progressShort(formatInteger(qualifying), formatInteger(total))}
            </span>
            <span className="progress-bar" aria-hidden="true">
              <span className="progress-fill" style={{ width: `${percent}%` }} />
            </span>
          </>
        )}
      </div>
      {primary}
      <button
        ref={toggleRef}
        type="button"
        className="header-button header-menu-toggle"
        aria-expanded={menuOpen}
        aria-controls="header-actions"
        onClick={() => setMenuOpen(!menuOpen)}
        data-testid="header-menu"
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" width="18" height="18">
          <path d="M3 5.5h14M3 10h14M3 14.5h14" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        <span className="header-menu-label">{t.header.menu}</span>
      </button>
      <div id="header-actions" ref={menuRef} className="header-actions" data-open={menuOpen}>
        {actions}
        <fieldset className="lang-toggle">
          <legend className="sr-only">{t.header.language}</legend>
          {LOCALES.map((option) => (
            <button
              key={option}
              type="button"
              lang={option}
              aria-pressed={locale === option}
              // The name starts with the visible code, so voice control ("click EN") matches it too.
              aria-label={`${option.toUpperCase()} · ${t.header.languageName[option]}`}
              onClick={() => setLocale(option)}
            >
              {option.toUpperCase()}
            </button>
          ))}
        </fieldset>
      </div>
    </header>
  );
}
