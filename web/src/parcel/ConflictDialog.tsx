import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { ParcelAttributes, ParcelFeature, ParcelGeometry } from '../api/types.ts';
import { attributesFromForm, attributesOf, type ParcelForm, sameValue } from '../domain/parcelForm.ts';
import { formatAreaM2 } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/messages.id.ts';
import { Dialog } from '../ui/Dialog.tsx';

type Props = {
  form: ParcelForm;
  geometry: ParcelGeometry | null;
  /** The area of the planner's geometry, when known. */
  myArea: number | null;
  parcelId: string;
  onReload: (server: ParcelFeature, etag: string) => void;
  onOverwrite: (server: ParcelFeature, etag: string) => void;
  onClose: () => void;
};

function show(t: Messages, key: keyof ParcelAttributes, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  switch (key) {
    case 'status':
      return t.status[value as keyof Messages['status']];
    case 'source':
      return t.source[value as keyof Messages['source']];
    case 'owner_class':
      return t.ownerClass[value as keyof Messages['ownerClass']];
    case 'legal_status':
      return t.legalStatus[value as keyof Messages['legalStatus']];
    case 'is_vacant':
    case 'shortlisted':
    case 'is_primary':
      return value ? '✓' : '✗';
    case 'tags':
      return (value as string[]).join(', ') || '–';
    case 'kib_a':
    case 'fasos_fasum': {
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== '');
      return entries.length === 0 ? '–' : entries.map(([k, v]) => `${k}: ${String(v)}`).join('; ');
    }
    default:
      return String(value);
  }
}

function fieldLabel(t: Messages, key: keyof ParcelAttributes): string {
  if (key === 'kib_a') return t.parcel.sections.kibA;
  if (key === 'fasos_fasum') return t.parcel.sections.fasosFasum;
  return (t.parcel.fields as Record<string, unknown>)[key] as string;
}

/**
 * 412 Precondition Failed: someone saved the parcel in between. Nothing is overwritten without the
 * planner's decision: reload the server's version, or compare and then keep theirs or save theirs over.
 */
export function ConflictDialog({ form, geometry, myArea, parcelId, onReload, onOverwrite, onClose }: Props) {
  const { t } = useI18n();
  const [server, setServer] = useState<{ data: ParcelFeature; etag: string } | 'deleted' | null>(null);
  const [comparing, setComparing] = useState(false);

  useEffect(() => {
    api
      .parcel(parcelId)
      .then(setServer)
      .catch(() => setServer('deleted'));
  }, [parcelId]);

  const mine = attributesFromForm(form);
  const theirs = server && server !== 'deleted' ? attributesOf(server.data.properties) : null;
  const rows =
    mine.ok && theirs
      ? (Object.keys(theirs) as (keyof ParcelAttributes)[]).filter(
          (key) => !sameValue(mine.attributes[key], theirs[key]),
        )
      : [];
  const geometryDiffers =
    server && server !== 'deleted' && geometry
      ? !sameValue(JSON.stringify(geometry), JSON.stringify(server.data.geometry))
      : false;

  return (
    <Dialog
      title={t.conflict.title}
      onClose={onClose}
      wide={comparing}
      testId="conflict-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t.conflict.cancel}
          </button>
          {!comparing && server && server !== 'deleted' && (
            <button type="button" className="button" onClick={() => setComparing(true)} data-testid="conflict-compare">
              {t.conflict.compare}
            </button>
          )}
          {comparing && server && server !== 'deleted' && (
            <button
              type="button"
              className="button button-danger"
              title={t.conflict.keepMineHint}
              onClick={() => onOverwrite(server.data, server.etag)}
              data-testid="conflict-overwrite"
            >
              {t.conflict.keepMine}
            </button>
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={!server || server === 'deleted'}
            onClick={() => server && server !== 'deleted' && onReload(server.data, server.etag)}
            data-testid="conflict-reload"
          >
            {t.conflict.reload}
          </button>
        </>
      }
    >
      <p className="dialog-text">{t.conflict.body}</p>
      {server === null && <p className="muted">{t.conflict.loading}</p>}
      {server === 'deleted' && <p className="form-error">{t.conflict.deletedOnServer}</p>}
      {comparing && server && server !== 'deleted' && (
        <div className="compare" data-testid="conflict-table">
          {rows.length === 0 && !geometryDiffers ? (
            <p className="muted">{t.conflict.noDifference}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.conflict.field}</th>
                  <th scope="col">{t.conflict.mine}</th>
                  <th scope="col">{t.conflict.theirs}</th>
                </tr>
              </thead>
              <tbody>
                {geometryDiffers && (
                  <tr>
                    <th scope="row">{t.conflict.geometry}</th>
                    <td>{myArea !== null ? formatAreaM2(myArea) : '–'}</td>
                    <td>{formatAreaM2(server.data.properties.area_m2)}</td>
                  </tr>
                )}
                {mine.ok &&
                  theirs &&
                  rows.map((key) => (
                    <tr key={key}>
                      <th scope="row">{fieldLabel(t, key)}</th>
                      <td>{show(t, key, mine.attributes[key])}</td>
                      <td>{show(t, key, theirs[key])}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          <p className="field-hint">{t.conflict.keepMineHint}</p>
        </div>
      )}
    </Dialog>
  );
}
