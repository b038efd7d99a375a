import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import './dashboard.css';
import type { AppView } from './viewParam.ts';

type Props = { view: AppView; onChange: (view: AppView) => void };

const ICONS: Record<AppView, ReactNode> = {
  map: (
    <svg viewBox="0 0 20 20" aria-hidden="true" width="16" height="16">
      <path
        d="M2.5 5l5-2 5 2 5-2v12l-5 2-5-2-5 2zM7.5 3v12M12.5 5v12"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  ),
  dashboard: (
    <svg viewBox="0 0 20 20" aria-hidden="true" width="16" height="16">
      <path d="M3 17h14M5 14V9M9 14V4M13 14v-7M17 14v-3" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  ),
};

/** "Peta | Dasbor" in the header: the map workspace or the dashboard. On a phone only the icons show. */
export function ViewSwitch({ view, onChange }: Props) {
  const { t } = useI18n();
  return (
    <fieldset className="view-switch">
      <legend className="sr-only">{t.dashboard.viewsLabel}</legend>
      {(['map', 'dashboard'] as const).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={view === option}
          aria-label={t.dashboard.views[option]}
          title={t.dashboard.views[option]}
          onClick={() => onChange(option)}
          data-testid={`view-${option}`}
        >
          {ICONS[option]}
          <span className="view-switch-label">{t.dashboard.views[option]}</span>
        </button>
      ))}
    </fieldset>
  );
}
