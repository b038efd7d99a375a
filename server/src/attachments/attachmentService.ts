import { randomUUID } from 'node:crypto';
import type { Actor, Attachment, AttachmentList, PhotoPointCollection } from '@tapak/core';
import type { Knex } from 'knex';
import { type ChangeOrigin, recordChange } from '../audit/changeOrigin.ts';
import { requireKelurahanWrite } from '../auth/guards.ts';
import type { TapakContext } from '../context.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import {
  findAttachment,
  insertAttachment,
  liveAttachmentsOfParcels,
  type StoredAttachment,
  setAttachmentDeleted,
} from '../repositories/attachmentRepository.ts';
import { findStoredParcel } from '../repositories/parcelRepository.ts';
import {
  placeFile,
  removeQuietly,
  removeStoredFiles,
  storageKeyOf,
  storedFilePath,
  storedThumbnailPath,
  unsupportedType,
} from './attachmentStore.ts';
import { sanitiseFileName } from './fileName.ts';
import { readPhotoExif } from './readPhotoExif.ts';
import type { ReceivedUpload } from './receiveUpload.ts';
import { writeThumbnail } from './thumbnail.ts';

/**
 * The attachment use cases. Every write checks, inside its transaction, that the actor may write in the
 * parcel's kelurahan, and records the change in the audit log in the same transaction. An attachment is
 * visible only while both it and its parcel are live.
 */

type Queryable = Knex | Knex.Transaction;

function parcelNotFound(id: string) {
  return new HttpProblem('not-found', { id: `Bidang ${id} tidak ada.`, en: `There is no parcel ${id}.` });
}

function attachmentNotFound(id: string) {
  return new HttpProblem('not-found', { id: `Lampiran ${id} tidak ada.`, en: `There is no attachment ${id}.` });
}

/** The API shape of a stored attachment, with the URLs the web uses. */
export function toAttachment(stored: StoredAttachment): Attachment {
  return {
    id: stored.id,
    parcel_id: stored.parcel_id,
    kind: stored.kind,
    file_name: stored.file_name,
    media_type: stored.media_type,
    size_bytes: stored.size_bytes,
    sha256: stored.sha256,
    photo_lon: stored.photo_lon,
    photo_lat: stored.photo_lat,
    photo_taken_at: stored.photo_taken_at,
    caption: stored.caption,
    created_at: stored.created_at,
    created_by: stored.created_by,
    deleted_at: stored.deleted_at,
    file_url: `/api/attachments/${stored.id}/file`,
    thumbnail_url: stored.kind === 'photo' ? `/api/attachments/${stored.id}/thumbnail` : null,
  };
}

/** The audit log keeps the metadata only; URLs are derived, not state. */
function auditedMetadata(stored: StoredAttachment) {
  const { file_url: _file, thumbnail_url: _thumbnail, ...metadata } = toAttachment(stored);
  return { ...metadata, storage_key: stored.storage_key };
}

async function liveParcelKelurahan(knex: Queryable, parcelId: string): Promise<string> {
  const parcel = await findStoredParcel(knex, parcelId);
  if (!parcel || parcel.deleted) throw parcelNotFound(parcelId);
  return parcel.kelurahan_kode;
}

/**
 * Checked before the upload is received, so a refused writer never makes the server store 25 MB; checked
 * again inside the transaction, where it counts.
 */
export async function requireMayAttach(context: TapakContext, actor: Actor, parcelId: string): Promise<void> {
  requireKelurahanWrite(actor, await liveParcelKelurahan(context.db.knex, parcelId));
}

/** Stores a received upload as an attachment of a parcel: EXIF and thumbnail for photos, then one transaction. */
export async function createAttachment(
  context: TapakContext,
  origin: ChangeOrigin,
  parcelId: string,
  upload: ReceivedUpload,
): Promise<Attachment> {
  const { uploadDir } = context.config;
  const { file } = upload;
  const isPhoto = file.media.kind === 'photo';
  const thumbnailTempPath = isPhoto ? `${file.tempPath}.thumb.jpg` : null;
  const id = randomUUID();
  const storageKey = storageKeyOf(id);
  let placed = false;
  try {
    const exif = isPhoto ? await readPhotoExif(file.tempPath) : null;
    if (thumbnailTempPath) {
      // The signature said JPEG/PNG; if the image still cannot be decoded it is not a photo we can show.
      await writeThumbnail(file.tempPath, thumbnailTempPath).catch(() => {
        throw unsupportedType();
      });
    }
    return await context.db.knex.transaction(async (trx) => {
      requireKelurahanWrite(origin.actor, await liveParcelKelurahan(trx, parcelId));
      await insertAttachment(trx, {
        id,
        parcelId,
        kind: file.media.kind,
        fileName: sanitiseFileName(upload.clientFileName, file.media),
        mediaType: file.media.mediaType,
        sizeBytes: file.sizeBytes,
        storageKey,
        sha256: file.sha256,
        photoLon: exif?.lon ?? null,
        photoLat: exif?.lat ?? null,
        photoTakenAt: exif?.takenAt ?? null,
        caption: upload.caption,
        createdBy: origin.actor.userId,
      });
      const stored = await findAttachment(trx, id);
      if (!stored) throw new Error(`attachment ${id} vanished inside its own transaction`);
      await recordChange(trx, origin, {
        action: 'create',
        entityType: 'attachment',
        entityId: id,
        before: null,
        after: auditedMetadata(stored),
      });
      // Last step inside the transaction: if the rename fails nothing is committed; if the commit fails the
      // catch below removes the placed files.
      await placeFile(uploadDir, storageKey, file.tempPath, thumbnailTempPath);
      placed = true;
      return toAttachment(stored);
    });
  } catch (error) {
    if (placed) await removeStoredFiles(uploadDir, storageKey);
    throw error;
  } finally {
    await removeQuietly(file.tempPath);
    await removeQuietly(thumbnailTempPath);
  }
}

/** The live attachments of a live parcel; 404 while the parcel is deleted. */
export async function listAttachments(context: TapakContext, parcelId: string): Promise<AttachmentList> {
  await liveParcelKelurahan(context.db.knex, parcelId);
  const stored = await liveAttachmentsOfParcels(context.db.knex, [parcelId]);
  return { parcel_id: parcelId, attachments: stored.map(toAttachment) };
}

/** The places where a live parcel's photos were taken, as GeoJSON points for the map. */
export async function photoPoints(context: TapakContext, parcelId: string): Promise<PhotoPointCollection> {
  const { attachments } = await listAttachments(context, parcelId);
  return {
    type: 'FeatureCollection',
    features: attachments.flatMap((a) =>
      a.kind === 'photo' && a.photo_lon !== null && a.photo_lat !== null
        ? [
            {
              type: 'Feature' as const,
              id: a.id,
              geometry: { type: 'Point' as const, coordinates: [a.photo_lon, a.photo_lat] as [number, number] },
              properties: {
                attachment_id: a.id,
                parcel_id: a.parcel_id,
                file_name: a.file_name,
                caption: a.caption,
                photo_taken_at: a.photo_taken_at,
                thumbnail_url: a.thumbnail_url,
              },
            },
          ]
        : [],
    ),
  };
}

export interface ServableFile {
  attachment: StoredAttachment;
  filePath: string;
}

async function liveAttachment(knex: Queryable, id: string): Promise<StoredAttachment> {
  const stored = await findAttachment(knex, id);
  if (!stored || stored.deleted_at !== null || stored.parcel_deleted) throw attachmentNotFound(id);
  return stored;
}

/** Where a live attachment's original file is. */
export async function attachmentFile(context: TapakContext, id: string): Promise<ServableFile> {
  const attachment = await liveAttachment(context.db.knex, id);
  return { attachment, filePath: storedFilePath(context.config.uploadDir, attachment.storage_key) };
}

/** Where a live photo's thumbnail is; 404 for documents (they have none). */
export async function attachmentThumbnail(context: TapakContext, id: string): Promise<ServableFile> {
  const attachment = await liveAttachment(context.db.knex, id);
  if (attachment.kind !== 'photo') {
    throw new HttpProblem('not-found', {
      id: 'Dokumen tidak memiliki gambar mini.',
      en: 'Documents have no thumbnail.',
    });
  }
  return { attachment, filePath: storedThumbnailPath(context.config.uploadDir, attachment.storage_key) };
}

/** Soft delete: the file stays on disk so that the attachment can be restored. */
export async function deleteAttachment(context: TapakContext, origin: ChangeOrigin, id: string): Promise<void> {
  await context.db.knex.transaction(async (trx) => {
    const before = await liveAttachment(trx, id);
    requireKelurahanWrite(origin.actor, before.kelurahan_kode);
    if (!(await setAttachmentDeleted(trx, id, true))) throw attachmentNotFound(id);
    const after = await findAttachment(trx, id);
    await recordChange(trx, origin, {
      action: 'delete',
      entityType: 'attachment',
      entityId: id,
      before: auditedMetadata(before),
      after: after ? auditedMetadata(after) : null,
    });
  });
}

export async function restoreAttachment(context: TapakContext, origin: ChangeOrigin, id: string): Promise<Attachment> {
  return context.db.knex.transaction(async (trx) => {
    const before = await findAttachment(trx, id);
    // While the parcel is deleted its attachments do not exist for anyone: restore the parcel first.
    if (!before || before.parcel_deleted) throw attachmentNotFound(id);
    requireKelurahanWrite(origin.actor, before.kelurahan_kode);
    if (before.deleted_at === null || !(await setAttachmentDeleted(trx, id, false))) {
      throw new HttpProblem('conflict', { id: 'Lampiran ini tidak terhapus.', en: 'This attachment is not deleted.' });
    }
    const after = await findAttachment(trx, id);
    if (!after) throw attachmentNotFound(id);
    await recordChange(trx, origin, {
      action: 'restore',
      entityType: 'attachment',
      entityId: id,
      before: auditedMetadata(before),
      after: auditedMetadata(after),
    });
    return toAttachment(after);
  });
}
