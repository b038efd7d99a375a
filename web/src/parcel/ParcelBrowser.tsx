import { parcelSources } from '@tapak/core/contracts/codeLists';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client.ts';
import type { ParcelCollection, ParcelFeature, ParcelSource, ParcelStatus } from '../api/types.ts';
import {
  downloads,
  EMPTY_PARCEL_FILTER,
  isFilterActive,
  type ParcelFilterState,
  parcelListQuery,
  type QualifiesFilter,
} from '../domain/parcelQuery.ts';
import { PARCEL_STATUSES } from '../domain/verdict.ts';
import { icons } from '../editor/icons.tsx';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ParcelList, sortParcels } from './ParcelList.tsx';

type Props = {
  filter: ParcelFilterState;
  onFilterChange: (filter: ParcelFilterState) => void;
  /** The selected kelurahan, offered as the list's scope. */
  kelurahan: { kode: string; nama: string } | null;
  /** Bumped when parcels change, so the list is read again. */
  revision: number;
  selected: string | null;
  onSelect: (parcel: ParcelFeature) => void;
};

const SEARCH_DELAY_MS = 250;

/** The "Bidang" tab: parcels matching a filter, read from the server, and the download of exactly that. */
export function ParcelBrowser({ filter, onFilterChange, kelurahan, revision, selected, onSelect }: Props) {
  const { t } = useI18n();
  const [result, setResult] = useState<ParcelCollection | 'error' | null>(null);
  const [query, setQuery] = useState(filter.q);
  const ids = { search: useId(), qualifies: useId(), status: useId(), source: useId() };
  const listQuery = parcelListQuery(filter, 500);

  // Typing waits a moment before it becomes part of the filter.
  useEffect(() => {
    if (query === filter.q) return;
    const timer = setTimeout(() => onFilterChange({ ...filter, q: query }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, filter, onFilterChange]);

  useEffect(() => {
    void revision;
    const abort = new AbortController();
    api
      .parcels(listQuery, abort.signal)
      .then(setResult)
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) setResult('error');
      });
    return () => abort.abort();
  }, [listQuery, revision]);

  const set = (change: Partial<ParcelFilterState>) => onFilterChange({ ...filter, ...change });
  const features = result && result !== 'error' ? sortParcels(result.features) : null;
  const active = isFilterActive(filter);

  return (
    <div className="parcel-browser" data-testid="parcel-browser">
      <div className="panel-controls">
        <div className="search">
          <label htmlFor={ids.search} className="sr-only">
            {t.parcelList.searchLabel}
          </label>
          <svg className="search-icon" viewBox="0 0 20 20" aria-hidden="true">
            <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M13 13l4 4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <input
            id={ids.search}
            type="search"
            value={query}
            placeholder={t.parcelList.searchPlaceholder}
            autoComplete="off"
            onChange={(event) => setQuery(event.target.value)}
            data-testid="parcel-search"
          />
        </div>
        <div className="filter-grid">
          <label className="sr-only" htmlFor={ids.qualifies}>
            {t.parcelList.qualifies.all}
          </label>
          <select
            id={ids.qualifies}
            value={filter.qualifies}
            onChange={(event) => set({ qualifies: event.target.value as QualifiesFilter })}
            data-testid="parcel-filter-qualifies"
          >
            {(['all', 'yes', 'no'] as const).map((value) => (
              <option key={value} value={value}>
                {t.parcelList.qualifies[value]}
              </option>
            ))}
          </select>
          <label className="sr-only" htmlFor={ids.status}>
            {t.parcelList.statusAll}
          </label>
          <select
            id={ids.status}
            value={filter.status ?? ''}
            onChange={(event) => set({ status: (event.target.value || null) as ParcelStatus | null })}
          >
            <option value="">{t.parcelList.statusAll}</option>
            {PARCEL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t.status[status]}
              </option>
            ))}
          </select>
          <label className="sr-only" htmlFor={ids.source}>
            {t.parcelList.sourceAll}
          </label>
          <select
            id={ids.source}
            value={filter.source ?? ''}
            onChange={(event) => set({ source: (event.target.value || null) as ParcelSource | null })}
          >
            <option value="">{t.parcelList.sourceAll}</option>
            {parcelSources.map((source) => (
              <option key={source} value={source}>
                {t.source[source]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="chip"
            aria-pressed={filter.shortlisted}
            onClick={() => set({ shortlisted: !filter.shortlisted })}
            data-testid="parcel-filter-shortlist"
          >
            <span className="chip-check" aria-hidden="true" />
            {t.parcelList.shortlistOnly}
          </button>
        </div>
        {kelurahan && (
          <div className="panel-row">
            <button
              type="button"
              className="chip"
              aria-pressed={filter.kelurahan === kelurahan.kode}
              onClick={() => set({ kelurahan: filter.kelurahan === kelurahan.kode ? null : kelurahan.kode })}
              data-testid="parcel-filter-kelurahan"
            >
              <span className="chip-check" aria-hidden="true" />
              {t.parcelList.scopeKelurahan(kelurahan.nama)}
            </button>
          </div>
        )}
        <div className="panel-row panel-row-meta">
          <p className="panel-count" aria-live="polite" data-testid="parcel-count">
            {result === 'error'
              ? t.parcelList.failed
              : result === null
                ? t.parcelList.loading
                : t.parcelList.count(formatInteger(result.numberReturned), formatInteger(result.numberMatched))}
          </p>
          <a
            className="button-link download-link"
            href={downloads.filtered(filter)}
            download
            data-testid="download-filtered"
          >
            {icons.download}
            {t.parcelList.downloadFiltered}
          </a>
        </div>
      </div>
      <div className="kelurahan-list">
        {features && features.length === 0 && (
          <div className="empty">
            <p>{active ? t.parcelList.empty : t.parcelList.emptyAll}</p>
            {active && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  setQuery('');
                  onFilterChange(EMPTY_PARCEL_FILTER);
                }}
              >
                {t.parcelList.reset}
              </button>
            )}
          </div>
        )}
        {features && features.length > 0 && (
          <ParcelList
            parcels={features}
            selected={selected}
            onSelect={onSelect}
            showKelurahan
            testId="parcel-browser-list"
          />
        )}
      </div>
    </div>
  );
}
