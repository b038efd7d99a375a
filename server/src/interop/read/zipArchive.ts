import { type UnzipFileInfo, unzipSync } from 'fflate';
import { InteropError } from '../interopError.ts';

/**
 * Reading ZIP containers (KMZ, zipped Shapefiles, XLSX) without letting a zip bomb exhaust memory: the central
 * directory is listed first and the archive is refused when it declares too many entries, too many bytes in
 * total, or a compression ratio no real GIS file reaches. Entries are then inflated into buffers of their
 * declared size, so an entry that lies about its size is cut off rather than allowed to grow.
 */
export const zipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 512 * 1024 * 1024,
  /** Declared size ÷ compressed size above which an archive is refused, once it holds more than `ratioFreeBytes`. */
  maxRatio: 200,
  ratioFreeBytes: 10 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  compressedBytes: number;
  bytes: number;
}

export function isZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5);
}

function tooLarge(detail: { id: string; en: string }): InteropError {
  return new InteropError('archive_too_large', detail, 'payload-too-large');
}

function malformed(error: unknown): InteropError {
  if (error instanceof InteropError) return error;
  return new InteropError('zip_malformed', {
    id: `Berkas ZIP rusak atau tidak lengkap (${(error as Error).message}).`,
    en: `The ZIP file is damaged or incomplete (${(error as Error).message}).`,
  });
}

/** The entries of an archive, after checking the limits; throws `archive_too_large` for a zip bomb. */
export function listZipEntries(data: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let totalBytes = 0;
  try {
    unzipSync(data, {
      filter: (file: UnzipFileInfo) => {
        entries.push({ name: file.name, compressedBytes: file.size, bytes: file.originalSize });
        totalBytes += file.originalSize;
        if (entries.length > zipLimits.maxEntries) {
          throw tooLarge({
            id: `Arsip ZIP berisi lebih dari ${zipLimits.maxEntries} berkas.`,
            en: `The ZIP archive holds more than ${zipLimits.maxEntries} files.`,
          });
        }
        if (totalBytes > zipLimits.maxTotalBytes) {
          throw tooLarge({
            id: `Isi arsip ZIP melebihi ${zipLimits.maxTotalBytes / 1024 / 1024} MB setelah diekstrak; ditolak sebagai bom ZIP.`,
            en: `The ZIP archive expands beyond ${zipLimits.maxTotalBytes / 1024 / 1024} MB; refused as a zip bomb.`,
          });
        }
        const ratio = file.originalSize / Math.max(1, file.size);
        if (file.originalSize > zipLimits.ratioFreeBytes && ratio > zipLimits.maxRatio) {
          throw tooLarge({
            id: `Berkas "${file.name}" di dalam ZIP mengembang ${Math.round(ratio)} kali; ditolak sebagai bom ZIP.`,
            en: `"${file.name}" in the ZIP expands ${Math.round(ratio)} times; refused as a zip bomb.`,
          });
        }
        return false;
      },
    });
  } catch (error) {
    throw malformed(error);
  }
  if (totalBytes > zipLimits.ratioFreeBytes && totalBytes / Math.max(1, data.length) > zipLimits.maxRatio) {
    throw tooLarge({
      id: 'Arsip ZIP mengembang terlalu besar dibanding ukurannya; ditolak sebagai bom ZIP.',
      en: 'The ZIP archive expands far beyond its own size; refused as a zip bomb.',
    });
  }
  return entries;
}

/** Inflates the entries whose names pass `wanted` (call `listZipEntries` first: it enforces the limits). */
export function readZipEntries(data: Uint8Array, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  try {
    const files = unzipSync(data, { filter: (file) => wanted(file.name) });
    return new Map(Object.entries(files));
  } catch (error) {
    throw malformed(error);
  }
}

/** Entry names without macOS resource forks and folders, which archivers add beside the real files. */
export function isContentEntry(name: string): boolean {
  return !name.endsWith('/') && !name.startsWith('__MACOSX/') && !/(^|\/)\._/.test(name);
}
