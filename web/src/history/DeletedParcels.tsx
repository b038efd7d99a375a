import { useEffect, useState } from 'react';
import type { ParcelFeature } from '../api/types.ts';
import { problemMessage } from '../auth/problemMessage.ts';
import { formatAreaM2, formatDateTime, formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { historyApi } from './historyApi.ts';
import './history.css';

type Props = {
  /** Changes when parcels were saved or deleted: the list is read again. */
  revision: number;
  onRestored: (parcel: ParcelFeature) => void;
  onError: (text: string) => void;
};

/**
 * "Bidang terhapus" (planners and admins): soft-deleted parcels with who deleted them and when, and a restore
 * button each. Read when opened, so other users never pay for it.
 */
export default function DeletedParcels({ revision, onRestored, onError }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [parcels, setParcels] = useState<ParcelFeature[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    void revision;
    void reload;
    if (!open) return;
    const abort = new AbortController();
    setFailure(null);
    historyApi
      .deletedParcels(abort.signal)
      .then((collection) => setParcels(collection.features))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setFailure(error);
      });
    return () => abort.abort();
  }, [open, revision, reload]);

  const restore = async (parcel: ParcelFeature) => {
    setRestoring(parcel.id);
    try {
      const restored = await historyApi.restore(parcel.id);
      setReload((n) => n + 1);
      onRestored(restored.data);
    } catch (error) {
      onError(problemMessage(error, t, locale));
    } finally {
      setRestoring(null);
    }
  };

  return (
    <details
      className="deleted-parcels"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="deleted-parcels"
    >
      <summary className="parcel-section-title">
        {t.history.deletedTitle}
        {parcels && <span className="chip-count">{formatInteger(parcels.length)}</span>}
      </summary>
      {failure ? (
        <p className="form-error">{problemMessage(failure, t, locale)}</p>
      ) : parcels === null ? (
        <p className="muted">{t.history.loading}</p>
      ) : parcels.length === 0 ? (
        <p className="muted">{t.history.deletedEmpty}</p>
      ) : (
        <ul className="deleted-list">
          {parcels.map((parcel) => {
            const p = parcel.properties;
            return (
              <li key={parcel.id} className="deleted-item" data-testid="deleted-item">
                <div className="deleted-text">
                  <strong>{p.name}</strong>
                  <span className="muted">
                    {p.kelurahan_nama} · {formatAreaM2(p.area_m2)}
                  </span>
                  <span className="muted">
                    {t.history.deletedBy(p.deleted_by_label ?? '–', p.deleted_at ? formatDateTime(p.deleted_at) : '–')}
                  </span>
                </div>
                <button
                  type="button"
                  className="button button-small"
                  disabled={restoring !== null}
                  onClick={() => void restore(parcel)}
                  data-testid="deleted-restore"
                >
                  {restoring === parcel.id ? t.history.restoring : t.history.restore}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </details>
  );
}
