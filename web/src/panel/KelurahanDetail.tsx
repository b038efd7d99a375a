import type { KelurahanFeature } from '../api/types.ts';
import { coverageState } from '../domain/coverage.ts';
import { formatAreaHa, formatAreaM2, formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CoverageBadge } from './CoverageBadge.tsx';

type Props = { feature: KelurahanFeature; onClose: () => void; onZoom: () => void };

/** The selected kelurahan. Drawing tools and its parcel list will live below these facts. */
export function KelurahanDetail({ feature, onClose, onZoom }: Props) {
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
      <p className="detail-note">{t.detail.parcelsComing}</p>
    </section>
  );
}
