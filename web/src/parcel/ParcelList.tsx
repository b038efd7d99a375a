import type { ParcelMapProperties } from '../api/types.ts';
import { icons } from '../editor/icons.tsx';
import { formatAreaM2, formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { StatusBadge, VerdictBadge } from './Badges.tsx';

/** What a row shows: the map listing's fields (a full feature has them too). */
export type ListedParcel = { id: string; properties: ParcelMapProperties };

type Props<P extends ListedParcel> = {
  parcels: readonly P[];
  selected: string | null;
  onSelect: (parcel: P) => void;
  /** Show each parcel's kelurahan (city-wide lists). */
  showKelurahan?: boolean;
  testId?: string;
};

/** Parcels, best first: primary, then shortlist rank, then qualifying by score, then the rest. */
export function sortParcels<P extends ListedParcel>(parcels: readonly P[]): P[] {
  const rank = (p: ListedParcel) =>
    p.properties.is_primary
      ? 0
      : p.properties.shortlisted
        ? 1
        : p.properties.qualifies
          ? 2
          : p.properties.verdict === 'belum_lengkap'
            ? 3
            : 4;
  return [...parcels].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.properties.shortlist_rank ?? 1e9) - (b.properties.shortlist_rank ?? 1e9) ||
      b.properties.score - a.properties.score ||
      a.properties.name.localeCompare(b.properties.name, 'id'),
  );
}

export function ParcelList<P extends ListedParcel>({
  parcels,
  selected,
  onSelect,
  showKelurahan = false,
  testId,
}: Props<P>) {
  const { t } = useI18n();
  return (
    <ul className="parcel-list" data-testid={testId}>
      {parcels.map((parcel) => {
        const p = parcel.properties;
        return (
          <li key={parcel.id}>
            <button
              type="button"
              className="parcel-row"
              aria-current={parcel.id === selected ? 'true' : undefined}
              onClick={() => onSelect(parcel)}
              data-parcel-id={parcel.id}
            >
              <span className="parcel-row-main">
                <span className="parcel-row-name">
                  {p.is_primary && (
                    <span className="row-star" title={t.parcel.primaryBadge}>
                      {icons.star}
                    </span>
                  )}
                  {p.name}
                </span>
                <span className="parcel-row-meta">
                  <span className="mono">{formatAreaM2(p.area_m2)}</span>
                  {showKelurahan && <span> · {p.kelurahan_nama}</span>}
                  {p.rank != null && (
                    <span title={t.parcel.rankBadge(formatInteger(p.rank))}>
                      {' · '}
                      {t.parcel.rankShort(formatInteger(p.rank))}
                    </span>
                  )}
                  {p.shortlisted && (
                    <span>
                      {' '}
                      ·{' '}
                      {p.shortlist_rank
                        ? t.parcel.shortlistBadge(String(p.shortlist_rank))
                        : t.parcel.shortlistBadgeNoRank}
                    </span>
                  )}
                </span>
              </span>
              <span className="parcel-row-badges">
                <VerdictBadge verdict={p.verdict} />
                <StatusBadge status={p.status} />
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
