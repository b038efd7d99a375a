import type { AttachmentKind, AttachmentMediaType } from '@tapak/core';
import type { Knex } from 'knex';

/**
 * All SQL about parcel attachments (photos and documents). An attachment counts as live only while it and its
 * parcel are both undeleted: deleting a parcel hides its attachments without touching them, so restoring
 * the parcel brings them back as they were.
 */

type Queryable = Knex | Knex.Transaction;

export interface NewAttachment {
  id: string;
  parcelId: string;
  kind: AttachmentKind;
  fileName: string;
  mediaType: AttachmentMediaType;
  sizeBytes: number;
  storageKey: string;
  sha256: string;
  photoLon: number | null;
  photoLat: number | null;
  photoTakenAt: string | null;
  caption: string | null;
  createdBy: string | null;
}

export interface StoredAttachment {
  id: string;
  parcel_id: string;
  kind: AttachmentKind;
  file_name: string;
  media_type: AttachmentMediaType;
  size_bytes: number;
  storage_key: string;
  sha256: string;
  photo_lon: number | null;
  photo_lat: number | null;
  photo_taken_at: string | null;
  caption: string | null;
  created_at: string;
  created_by: string | null;
  deleted_at: string | null;
  /** The parcel's state, which decides whether the attachment may be seen at all. */
  parcel_deleted: boolean;
  kelurahan_kode: string;
}

const isoUtc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const selectSql = `
  SELECT a.id, a.parcel_id, a.kind, a.file_name, a.media_type, a.size_bytes, a.storage_key, a.sha256,
         a.photo_lon, a.photo_lat, a.caption, u.username AS created_by,
         ${isoUtc('a.photo_taken_at')} AS photo_taken_at,
         ${isoUtc('a.created_at')} AS created_at,
         ${isoUtc('a.deleted_at')} AS deleted_at,
         (p.deleted_at IS NOT NULL) AS parcel_deleted, p.kelurahan_kode
  FROM attachments a
  JOIN parcels p ON p.id = a.parcel_id
  LEFT JOIN users u ON u.id = a.created_by`;

function toStored(row: Record<string, unknown>): StoredAttachment {
  return {
    ...(row as unknown as StoredAttachment),
    // bigint comes back as a string from pg and as a number from PGlite.
    size_bytes: Number(row.size_bytes),
    photo_lon: row.photo_lon === null ? null : Number(row.photo_lon),
    photo_lat: row.photo_lat === null ? null : Number(row.photo_lat),
    parcel_deleted: Boolean(row.parcel_deleted),
  };
}

export async function insertAttachment(trx: Knex.Transaction, attachment: NewAttachment): Promise<void> {
  await trx('attachments').insert({
    id: attachment.id,
    parcel_id: attachment.parcelId,
    kind: attachment.kind,
    file_name: attachment.fileName,
    media_type: attachment.mediaType,
    size_bytes: attachment.sizeBytes,
    storage_key: attachment.storageKey,
    sha256: attachment.sha256,
    photo_lon: attachment.photoLon,
    photo_lat: attachment.photoLat,
    photo_taken_at: attachment.photoTakenAt,
    caption: attachment.caption,
    created_by: attachment.createdBy,
  });
}

/** One attachment whatever its state (deleted or not, parcel deleted or not), or null. */
export async function findAttachment(knex: Queryable, id: string): Promise<StoredAttachment | null> {
  const result = await knex.raw<{ rows: Array<Record<string, unknown>> }>(`${selectSql} WHERE a.id = ?`, [id]);
  const row = result.rows[0];
  return row ? toStored(row) : null;
}

/** The live attachments of some parcels (the parcels' own state is the caller's business), oldest first. */
export async function liveAttachmentsOfParcels(
  knex: Queryable,
  parcelIds: readonly string[],
): Promise<StoredAttachment[]> {
  if (parcelIds.length === 0) return [];
  const result = await knex.raw<{ rows: Array<Record<string, unknown>> }>(
    // One placeholder per id: the PGlite dialect does not expand an array binding the way the pg one does.
    `${selectSql} WHERE a.parcel_id IN (${parcelIds.map(() => '?').join(', ')}) AND a.deleted_at IS NULL
     ORDER BY a.created_at, a.id`,
    [...parcelIds],
  );
  return result.rows.map(toStored);
}

/** Soft-deletes or restores one attachment; returns whether its state changed. */
export async function setAttachmentDeleted(trx: Knex.Transaction, id: string, deleted: boolean): Promise<boolean> {
  const count = await trx('attachments')
    .where({ id })
    .modify((query) => (deleted ? query.whereNull('deleted_at') : query.whereNotNull('deleted_at')))
    .update({ deleted_at: deleted ? trx.fn.now() : null });
  return count === 1;
}
