import type { ReactNode } from 'react';
import { formatInteger } from '../i18n/format.ts';
import { LOCALES, useI18n } from '../i18n/i18n.tsx';

type Props = {
  regionName: string | null;
  qualifying: number | null;
  total: number | null;
  /** Buttons before the language toggle (downloads). */
  actions?: ReactNode;
};

export function Header({ regionName, qualifying, total, actions }: Props) {
  const { t, locale, setLocale } = useI18n();
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
      <div className="header-actions">
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
