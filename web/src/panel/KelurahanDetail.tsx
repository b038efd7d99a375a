import type { KelurahanFeature, ParcelMapFeature } from '../api/types.ts';
import { coverageState } from '../domain/coverage.ts';
import { downloads } from '../domain/parcelQuery.ts';
import { icons } from '../editor/icons.tsx';
import { formatAreaHa, formatAreaM2, formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ParcelList, sortParcels } from '../parcel/ParcelList.tsx';
import { CoverageBadge } from './CoverageBadge.tsx';

type Props = {
  feature: KelurahanFeature;
  /** Its parcels; null while they load. */
  parcels: readonly ParcelMapFeature[] | null;
  /** Why no candidate qualifies yet (from the coverage), when there are candidates. */
  noSiteReason?: string | null;
  onClose: () => void;
  onZoom: () => void;
  onSelectParcel: (parcel: ParcelMapFeature) => void;
  onDraw: () => void;
  /** Why this user may not draw in this kelurahan (core access rule, UI language); null when allowed. */
  drawRefusal?: string | null;
};

/** The selected kelurahan: its coverage, its parcels, a way to draw one more and its download. */
export function KelurahanDetail({
  feature,
  parcels,
  noSiteReason,
  onClose,
  onZoom,
  onSelectParcel,
  onDraw,
  drawRefusal = null,
}: Props) {
  const { t } = useI18n();
  const p = feature.properties;
  return (
    <section className="detail" aria-labelledby="detail-title" data-testid="kelurahan-detail">
      <div className="detail-head">
        <div>
          <p className="detail-kind">
            {t.detail.kind[p.jenis]} · {p.kecamatan_nama}
          </p>
          <h2 id="detail-title" className="detail-title">
            {p.nama}
          </h2>
        </div>
        <button type="button" className="button-icon" aria-label={t.detail.close} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="detail-status">
        <CoverageBadge state={coverageState(p)} />
        {feature.geometry && (
          <button type="button" className="button-link" onClick={onZoom}>
            {t.detail.zoomTo}
          </button>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>{t.detail.code}</dt>
          <dd className="mono">{p.kode}</dd>
        </div>
        <div>
          <dt>{t.detail.area}</dt>
          <dd>{p.area_m2 === null ? t.detail.unknown : formatAreaHa(p.area_m2)}</dd>
        </div>
        <div>
          <dt>{t.detail.candidates}</dt>
          <dd>{formatInteger(p.candidates)}</dd>
        </div>
        <div>
          <dt>{t.detail.qualifying}</dt>
          <dd>{formatInteger(p.qualifying)}</dd>
        </div>
        <div>
          <dt>{t.detail.shortlisted}</dt>
          <dd>{formatInteger(p.shortlisted)}</dd>
        </div>
        <div>
          <dt>{t.detail.bestArea}</dt>
          <dd>{p.best_qualifying_area_m2 === null ? t.detail.unknown : formatAreaM2(p.best_qualifying_area_m2)}</dd>
        </div>
      </dl>
      {noSiteReason && noSiteReason !== 'no_candidate' && p.candidates > 0 && (
        <p className="detail-reason" data-testid="no-site-reason">
          {t.detail.noSiteReason}: <strong>{t.detail.noSiteReasons[noSiteReason] ?? noSiteReason}</strong>
        </p>
      )}
      <div className="detail-parcels">
        <h3 className="section-title">
          {t.detail.parcels}
          {parcels && <span className="section-meta">{formatInteger(parcels.length)}</span>}
        </h3>
        {parcels && parcels.length === 0 && <p className="detail-note">{t.detail.noParcels}</p>}
        {parcels && parcels.length > 0 && (
          <div className="detail-parcel-list">
            <ParcelList
              parcels={sortParcels(parcels)}
              selected={null}
              onSelect={onSelectParcel}
              testId="kelurahan-parcels"
            />
          </div>
        )}
        <div className="detail-actions">
          {feature.geometry && (
            <button
              type="button"
              className="button"
              onClick={onDraw}
              disabled={drawRefusal !== null}
              title={drawRefusal ?? undefined}
              data-testid="draw-in-kelurahan"
            >
              {icons.polygon}
              {t.detail.drawHere}
            </button>
          )}
          <a
            className="button-link download-link"
            href={downloads.kelurahan(p.kode)}
            download
            data-testid="download-kelurahan"
          >
            {icons.download}
            {t.detail.download}
          </a>
          <a
            className="button-link download-link"
            href={downloads.report(p.kode)}
            download
            title={t.download.report(p.nama)}
            data-testid="download-kelurahan-report"
          >
            {icons.download}
            {t.download.reportShort}
          </a>
          {parcels?.some((parcel) => parcel.properties.is_primary) ? (
            <a
              className="button-link download-link"
              href={downloads.proposal(p.kode)}
              download
              title={t.download.proposal(p.nama)}
              data-testid="download-kelurahan-proposal"
            >
              {icons.download}
              {t.download.proposalShort}
            </a>
          ) : (
            <span className="detail-note" data-testid="proposal-needs-primary">
              {t.download.proposalNeedsPrimary}
            </span>
          )}
        </div>
      </div>
    </section>
  );
}
