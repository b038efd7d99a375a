import { type KeyboardEvent, useEffect, useId, useMemo, useRef } from 'react';
import type { KelurahanFeature } from '../api/types.ts';
import { coverageState, hasQualifyingSite } from '../domain/coverage.ts';
import { groupKelurahan, SORT_KEYS, type SortKey } from '../domain/kelurahanList.ts';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CoverageBadge } from './CoverageBadge.tsx';

type Props = {
  /** null while loading. */
  features: readonly KelurahanFeature[] | null;
  /** The list could not be loaded (the banner says why). */
  failed?: boolean;
  selected: string | null;
  query: string;
  sort: SortKey;
  onlyUnqualified: boolean;
  onQueryChange: (query: string) => void;
  onSortChange: (sort: SortKey) => void;
  onOnlyUnqualifiedChange: (on: boolean) => void;
  onSelect: (kode: string) => void;
};

export function KelurahanPanel(props: Props) {
  const { features, selected, query, sort, onlyUnqualified, failed = false } = props;
  const { t } = useI18n();
  const searchId = useId();
  const sortId = useId();
  const listRef = useRef<HTMLDivElement>(null);

  const groups = useMemo(
    () => (features ? groupKelurahan(features, { query, sort, onlyUnqualified }) : []),
    [features, query, sort, onlyUnqualified],
  );
  const shown = groups.reduce((sum, group) => sum + group.items.length, 0);
  const total = features?.length ?? 0;
  const kecamatanCount = useMemo(() => new Set(features?.map((f) => f.properties.kecamatan_kode)).size, [features]);
  const unqualifiedCount = useMemo(
    () => features?.filter((f) => !hasQualifyingSite(f.properties)).length ?? 0,
    [features],
  );

  // A selection made on the map brings its row into view, without stealing focus from the map.
  useEffect(() => {
    if (!selected) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-kode="${CSS.escape(selected)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  // Arrow keys walk the rows, so 56 buttons are not 56 tab stops to get through.
  const onListKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const rows = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.row') ?? [])];
    if (rows.length === 0) return;
    const index = rows.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? rows.length - 1
          : Math.max(0, Math.min(rows.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)));
    rows[next]?.focus();
    event.preventDefault();
  };

  return (
    <div className="kelurahan-panel">
      <div className="panel-controls">
        <div className="search">
          <label htmlFor={searchId} className="sr-only">
            {t.panel.searchLabel}
          </label>
          <svg className="search-icon" viewBox="0 0 20 20" aria-hidden="true">
            <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M13 13l4 4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder={t.panel.searchPlaceholder}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => props.onQueryChange(event.target.value)}
            data-testid="kelurahan-search"
          />
        </div>
        <div className="panel-row">
          <button
            type="button"
            className="chip"
            aria-pressed={onlyUnqualified}
            title={t.panel.filterHint}
            onClick={() => props.onOnlyUnqualifiedChange(!onlyUnqualified)}
            data-testid="filter-unqualified"
          >
            <span className="chip-check" aria-hidden="true" />
            {t.panel.filterUnqualified}
            <span className="chip-count">{formatInteger(unqualifiedCount)}</span>
          </button>
        </div>
        <div className="panel-row panel-row-meta">
          <p className="panel-count" aria-live="polite" data-testid="kelurahan-count">
            {failed
              ? ''
              : features === null
                ? t.panel.loading
                : shown === total
                  ? t.panel.countAll(formatInteger(total), formatInteger(kecamatanCount))
                  : t.panel.count(formatInteger(shown), formatInteger(total))}
          </p>
          <div className="sort">
            <label htmlFor={sortId} className="sr-only">
              {t.panel.sortLabel}
            </label>
            <svg className="sort-icon" viewBox="0 0 20 20" aria-hidden="true">
              <path
                d="M6 4v12M3 13l3 3 3-3M14 16V4M11 7l3-3 3 3"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.6"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
            <select
              id={sortId}
              value={sort}
              title={t.panel.sortLabel}
              onChange={(event) => props.onSortChange(event.target.value as SortKey)}
            >
              {SORT_KEYS.map((key) => (
                <option key={key} value={key}>
                  {t.panel.sort[key]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>

      <div className="kelurahan-list" ref={listRef}>
        {features === null && (
          <div className="skeleton" aria-hidden="true">
            {Array.from({ length: 8 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
              <span key={i} className="skeleton-row" />
            ))}
          </div>
        )}
        {features !== null && shown === 0 && (
          <div className="empty" data-testid="kelurahan-empty">
            <p>
              {failed
                ? t.panel.loadFailed
                : total === 0
                  ? t.panel.emptyData
                  : query.trim() !== ''
                    ? t.panel.emptySearch(query.trim())
                    : t.panel.emptyFilter}
            </p>
            {total > 0 && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  props.onQueryChange('');
                  props.onOnlyUnqualifiedChange(false);
                }}
              >
                {t.panel.resetFilters}
              </button>
            )}
          </div>
        )}
        {groups.map((group) => (
          <section key={group.kode} className="group" aria-labelledby={`kec-${group.kode}`}>
            <h3 className="group-title" id={`kec-${group.kode}`}>
              <span>{group.nama}</span>
              <span className="group-meta">
                <span className="mono">{group.kode}</span> · {formatInteger(group.items.length)}
              </span>
            </h3>
            <ul>
              {group.items.map((feature) => {
                const p = feature.properties;
                const isSelected = p.kode === selected;
                return (
                  <li key={p.kode}>
                    <button
                      type="button"
                      className="row"
                      data-kode={p.kode}
                      aria-current={isSelected ? 'true' : undefined}
                      onClick={() => props.onSelect(p.kode)}
                      onKeyDown={onListKeyDown}
                    >
                      <span className="row-main">
                        <span className="row-name">{p.nama}</span>
                        <span className="row-code mono">
                          {p.kode}
                          {feature.geometry === null && (
                            <span className="row-warning" title={t.panel.noBoundaryHint}>
                              {' '}
                              · {t.panel.noBoundary}
                            </span>
                          )}
                        </span>
                      </span>
                      <CoverageBadge state={coverageState(p)} />
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
