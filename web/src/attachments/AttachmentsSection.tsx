import type { Attachment } from '@tapak/core/contracts/attachment';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import { problemMessage } from '../auth/problemMessage.ts';
import { formatDateTime, formatDecimal } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { notifyAttachmentsChanged } from './attachmentEvents.ts';
import { attachmentsApi } from './attachmentsApi.ts';
import { clientRefusal } from './clientChecks.ts';
import './attachments.css';

type Props = {
  parcelId: string;
  /** Why this user may not change the parcel (then upload and delete are off); null when allowed. */
  writeRefusal: string | null;
};

type Upload = { name: string; fraction: number };

const megabytes = (bytes: number) => formatDecimal(bytes / (1024 * 1024), 1);

/**
 * "Foto & Dokumen" of a saved parcel: upload (drop or choose, with progress), the photos as thumbnails with
 * where and when they were taken, the documents as a list, delete; and the Agrinas proposal package.
 */
export function AttachmentsSection({ parcelId, writeRefusal }: Props) {
  const { t, locale } = useI18n();
  const text = t.attachments;
  const [attachments, setAttachments] = useState<Attachment[] | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [caption, setCaption] = useState('');
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [reloadCount, setReloadCount] = useState(0);

  useEffect(() => {
    void reloadCount;
    const abort = new AbortController();
    attachmentsApi
      .list(parcelId, abort.signal)
      .then((list) => setAttachments(list.attachments))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setAttachments([]);
        setErrors([problemMessage(error, t, locale)]);
      });
    return () => abort.abort();
  }, [parcelId, reloadCount, t, locale]);

  const changed = () => {
    setReloadCount((n) => n + 1);
    notifyAttachmentsChanged(parcelId);
  };

  async function uploadFiles(files: readonly File[]) {
    const failures: string[] = [];
    for (const file of files) {
      const refusal = clientRefusal(file);
      if (refusal) {
        failures.push(
          refusal.reason === 'type'
            ? text.wrongType(file.name)
            : text.tooLarge(file.name, String(refusal.limitMegabytes)),
        );
        continue;
      }
      setUpload({ name: file.name, fraction: 0 });
      try {
        await attachmentsApi.upload(parcelId, file, caption, {
          onProgress: (fraction) => setUpload({ name: file.name, fraction }),
        });
      } catch (error) {
        failures.push(`${file.name}: ${problemMessage(error, t, locale)}`);
      }
    }
    setUpload(null);
    setErrors(failures);
    if (failures.length < files.length) {
      setCaption('');
      changed();
    }
  }

  async function remove(attachment: Attachment) {
    if (!window.confirm(text.confirmDelete(attachment.file_name))) return;
    try {
      await attachmentsApi.remove(attachment.id);
      changed();
    } catch (error) {
      setErrors([problemMessage(error, t, locale)]);
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (writeRefusal || upload) return;
    void uploadFiles([...event.dataTransfer.files]);
  }

  const photos = attachments?.filter((a) => a.kind === 'photo') ?? [];
  const documents = attachments?.filter((a) => a.kind === 'document') ?? [];
  const canWrite = writeRefusal === null;

  return (
    <section className="parcel-section attachments" data-testid="attachments">
      <h3 className="parcel-section-title">{text.title}</h3>

      {/* A drop zone for the mouse; the button inside is the keyboard path to the same file input. */}
      {canWrite && (
        <section
          aria-label={text.dropHint}
          className={`attachment-drop${dragging ? ' attachment-drop-active' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>{text.dropHint}</p>
          <input
            className="attachment-caption"
            type="text"
            maxLength={500}
            placeholder={text.captionPlaceholder}
            value={caption}
            onChange={(event) => setCaption(event.target.value)}
            disabled={upload !== null}
          />
          <button
            type="button"
            className="button button-small"
            disabled={upload !== null}
            onClick={() => input.current?.click()}
          >
            {text.choose}
          </button>
          <input
            ref={input}
            type="file"
            hidden
            multiple
            accept="image/jpeg,image/png,application/pdf"
            data-testid="attachment-input"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void uploadFiles(files);
            }}
          />
          <p className="field-hint">{text.limits}</p>
        </section>
      )}

      {upload && (
        <div className="attachment-progress" aria-live="polite">
          <span>{text.uploading(upload.name)}</span>
          <progress max={1} value={upload.fraction} />
        </div>
      )}

      {errors.length > 0 && (
        <div className="callout callout-error" role="alert" data-testid="attachment-errors">
          {errors.map((error) => (
            <p key={error}>{error}</p>
          ))}
        </div>
      )}

      {attachments === null ? (
        <p className="muted">{text.loading}</p>
      ) : attachments.length === 0 ? (
        <p className="muted">{text.empty}</p>
      ) : null}

      {photos.length > 0 && (
        <ul className="attachment-photos" data-testid="attachment-photos">
          {photos.map((photo) => (
            <li key={photo.id} className="attachment-photo">
              <a href={photo.file_url} target="_blank" rel="noopener noreferrer" title={photo.file_name}>
                <img
                  src={photo.thumbnail_url ?? photo.file_url}
                  alt={photo.caption ?? photo.file_name}
                  loading="lazy"
                />
              </a>
              <span className="attachment-meta">
                {photo.caption && <span>{photo.caption}</span>}
                <span className="muted">
                  {photo.photo_taken_at ? formatDateTime(photo.photo_taken_at) : text.noTime}
                  {' · '}
                  {photo.photo_lon === null ? text.noPosition : text.onMap}
                </span>
              </span>
              {canWrite && (
                <button
                  type="button"
                  className="button-link attachment-delete"
                  onClick={() => void remove(photo)}
                  aria-label={text.delete(photo.file_name)}
                >
                  {text.deleteShort}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      {documents.length > 0 && (
        <ul className="attachment-documents" data-testid="attachment-documents">
          {documents.map((document) => (
            <li key={document.id}>
              <a href={document.file_url} download={document.file_name}>
                {document.file_name}
              </a>
              <span className="muted"> · {text.sizeMegabytes(megabytes(document.size_bytes))}</span>
              {canWrite && (
                <button
                  type="button"
                  className="button-link attachment-delete"
                  onClick={() => void remove(document)}
                  aria-label={text.delete(document.file_name)}
                >
                  {text.deleteShort}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      <a
        className="button button-small attachment-proposal"
        href={attachmentsApi.proposalUrl(parcelId)}
        download
        data-testid="proposal-download"
      >
        {text.proposalPackage}
      </a>
      <p className="field-hint">{text.proposalHint}</p>
    </section>
  );
}
