import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { attachmentMaxSizeBytes } from '@tapak/core';
import { HttpProblem } from '../http/httpProblem.ts';
import { type DetectedMedia, detectMediaType, mediaSignatureLength } from './detectMediaType.ts';

/**
 * Attachment files on disk: `<uploadDir>/<first two characters of the id>/<id>` (the two-character level
 * keeps directories small at tens of thousands of files), the photo thumbnail beside it as `<id>.thumb.jpg`.
 * Uploads are streamed to `<uploadDir>/.incoming/` first and renamed into place only once complete, so a
 * half-written file never has a stored name. The same layout serves both database engines.
 */

const incomingDirName = '.incoming';
/** Older than this, a file in .incoming/ belongs to an upload that can no longer finish (a crash). */
const staleIncomingAgeMs = 60 * 60 * 1000;

export function storageKeyOf(id: string): string {
  return `${id.slice(0, 2)}/${id}`;
}

export function storedFilePath(uploadDir: string, storageKey: string): string {
  return path.join(uploadDir, ...storageKey.split('/'));
}

export function storedThumbnailPath(uploadDir: string, storageKey: string): string {
  return `${storedFilePath(uploadDir, storageKey)}.thumb.jpg`;
}

export interface ReceivedFile {
  /** The complete upload, not yet in its place. */
  tempPath: string;
  media: DetectedMedia;
  sizeBytes: number;
  sha256: string;
}

const mebibytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

function tooLarge(media: DetectedMedia): HttpProblem {
  const limit = mebibytes(attachmentMaxSizeBytes[media.kind]);
  return media.kind === 'photo'
    ? new HttpProblem('payload-too-large', {
        id: `Foto lebih besar dari batas ${limit}. Kecilkan resolusinya lalu unggah lagi.`,
        en: `The photo exceeds the ${limit} limit. Reduce its resolution and upload again.`,
      })
    : new HttpProblem('payload-too-large', {
        id: `Dokumen PDF lebih besar dari batas ${limit}. Pindai dengan resolusi lebih rendah atau pecah berkasnya.`,
        en: `The PDF exceeds the ${limit} limit. Scan at a lower resolution or split the file.`,
      });
}

export function unsupportedType(): HttpProblem {
  return new HttpProblem('unsupported-media-type', {
    id: 'Jenis berkas tidak didukung: unggah foto JPEG/PNG atau dokumen PDF. Jenis dikenali dari isi berkas, bukan dari namanya.',
    en: 'Unsupported file type: upload a JPEG/PNG photo or a PDF document. The type is read from the content, not the name.',
  });
}

/**
 * Detects the type from the first bytes, then counts, hashes and passes the bytes on, failing as soon as
 * the type's size limit is passed (the rest of an oversize upload is never written).
 */
class InspectingStream extends Transform {
  media: DetectedMedia | null = null;
  sizeBytes = 0;
  private head = Buffer.alloc(0);
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.sizeBytes += chunk.length;
    this.hash.update(chunk);
    if (!this.media) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, mediaSignatureLength)]);
      if (this.head.length >= mediaSignatureLength) {
        this.media = detectMediaType(this.head);
        if (!this.media) {
          callback(unsupportedType());
          return;
        }
      }
    }
    if (this.media && this.sizeBytes > attachmentMaxSizeBytes[this.media.kind]) {
      callback(tooLarge(this.media));
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    // A file shorter than the longest signature can still be a (broken) JPEG or PDF header: judge what came.
    if (!this.media) this.media = detectMediaType(this.head);
    callback(this.media ? null : unsupportedType());
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Streams one upload into `.incoming/`; on any refusal or failure nothing stays on disk. */
export async function receiveFile(uploadDir: string, source: NodeJS.ReadableStream): Promise<ReceivedFile> {
  const incomingDir = path.join(uploadDir, incomingDirName);
  await fs.promises.mkdir(incomingDir, { recursive: true });
  const tempPath = path.join(incomingDir, `${randomUUID()}.part`);
  const inspecting = new InspectingStream();
  try {
    await pipeline(source, inspecting, fs.createWriteStream(tempPath, { flags: 'wx' }));
  } catch (error) {
    await removeQuietly(tempPath);
    throw error;
  }
  if (!inspecting.media) throw unsupportedType();
  return { tempPath, media: inspecting.media, sizeBytes: inspecting.sizeBytes, sha256: inspecting.digest() };
}

/** Moves a complete upload (and its thumbnail) to the attachment's place; one rename each, same file system. */
export async function placeFile(
  uploadDir: string,
  storageKey: string,
  tempPath: string,
  thumbnailTempPath: string | null,
) {
  const target = storedFilePath(uploadDir, storageKey);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  if (thumbnailTempPath) await fs.promises.rename(thumbnailTempPath, storedThumbnailPath(uploadDir, storageKey));
  await fs.promises.rename(tempPath, target);
}

export async function removeStoredFiles(uploadDir: string, storageKey: string): Promise<void> {
  await removeQuietly(storedFilePath(uploadDir, storageKey));
  await removeQuietly(storedThumbnailPath(uploadDir, storageKey));
}

export async function removeQuietly(filePath: string | null): Promise<void> {
  if (filePath) await fs.promises.rm(filePath, { force: true });
}

/** Opens a stored file for sending; null when it is missing (an upload directory left out of a backup). */
export async function openStoredFile(filePath: string): Promise<fs.ReadStream | null> {
  try {
    await fs.promises.access(filePath, fs.constants.R_OK);
  } catch {
    return null;
  }
  return fs.createReadStream(filePath);
}

/** Removes what uploads interrupted by a crash left in `.incoming/`; uploads in progress are younger. */
export async function removeStaleIncoming(uploadDir: string, now = Date.now()): Promise<void> {
  const incomingDir = path.join(uploadDir, incomingDirName);
  let names: string[];
  try {
    names = await fs.promises.readdir(incomingDir);
  } catch {
    return;
  }
  for (const name of names) {
    const filePath = path.join(incomingDir, name);
    const stat = await fs.promises.stat(filePath).catch(() => null);
    if (stat && now - stat.mtimeMs > staleIncomingAgeMs) await removeQuietly(filePath);
  }
}
