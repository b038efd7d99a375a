import type { AuditEntry } from '@tapak/core/contracts/auth';
import { useEffect, useState } from 'react';
import { problemMessage } from '../auth/problemMessage.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { actionLabel, auditChange, geometryChangeText } from './auditDiff.ts';
import { historyApi } from './historyApi.ts';
import './history.css';

type Props = { parcelId: string; version: number };

/** "Riwayat": every audited change of the parcel, newest first: who, when, through which route, what changed. */
export function ParcelAudit({ parcelId, version }: Props) {
  const { t, locale } = useI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // A new version means a new entry: read again after every save.
    void version;
    const abort = new AbortController();
    setEntries(null);
    setError(null);
    historyApi
      .parcelAudit(parcelId, abort.signal)
      .then(setEntries)
      .catch((failure: unknown) => {
        if (!abort.signal.aborted) setError(failure);
      });
    return () => abort.abort();
  }, [parcelId, version]);

  if (error) return <p className="form-error">{problemMessage(error, t, locale)}</p>;
  if (entries === null) return <p className="muted">{t.history.loading}</p>;
  if (entries.length === 0) return <p className="muted">{t.history.empty}</p>;
  return (
    <ol className="audit-list" data-testid="parcel-audit">
      {entries.map((entry) => {
        const change = auditChange(entry, t);
        return (
          <li key={entry.id} className="audit-entry" data-testid="audit-entry" data-action={entry.action}>
            <div className="audit-head">
              <strong className="audit-action">{actionLabel(entry.action, t)}</strong>
              <span className="audit-who">{t.history.by(entry.actor_label)}</span>
            </div>
            <div className="audit-meta">
              <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at)}</time>
              <span className="mono audit-route">{entry.route}</span>
            </div>
            {(change.geometry || change.fields.length > 0) && (
              <ul className="audit-changes">
                {change.geometry && <li data-testid="audit-geometry">{geometryChangeText(change.geometry, t)}</li>}
                {change.fields.map((field) => (
                  <li key={field.key} data-testid="audit-field">
                    <span className="audit-field">{field.label}</span>
                    {': '}
                    <span className="audit-before">{field.before}</span>
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only">{t.history.becomes}</span>
                    <span className="audit-after">{field.after}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
