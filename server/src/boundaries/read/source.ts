import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { BoundarySourceError } from './errors.ts';
import { fetchSourceStream } from './fetchSourceStream.ts';
import { peekStream } from './peekStream.ts';
import type { BoundaryFormat } from './rawBoundaryFeature.ts';
import { firstSignificantByte, hasEnoughToSniff, isGzipHead, sniffFormat } from './sniffFormat.ts';

export interface OpenBoundarySourceOptions {
  /** Idle timeout for http(s) sources: longest wait for the headers and then for each piece of the body. */
  fetchTimeoutMs?: number;
  /** Aborts opening and reading (fetch and file alike). */
  signal?: AbortSignal;
}

export interface BoundarySource {
  /** Decompressed bytes of the source; destroy it to release the file or connection early. */
  stream: Readable;
  /** File name of the source (last path segment of a URL), for logs and import records. */
  name: string;
  format: BoundaryFormat;
  /** Whether the source was gzip-compressed (detected by magic bytes, not by name). */
  gzipped: boolean;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/** Enough to skip any sane amount of leading whitespace (pretty-printers) while staying far from a whole file. */
const MAX_SNIFF_BYTES = 1024 * 1024;

/**
 * Opens a boundary source given as a file path, a `file:` URL or an http(s) URL, and returns its decompressed
 * content as a stream together with the detected format. Only the first chunk or two are read before returning;
 * the rest streams, so the 59 MB national file never sits in memory.
 */
export async function openBoundarySource(
  pathOrUrl: string,
  options: OpenBoundarySourceOptions = {},
): Promise<BoundarySource> {
  const { raw, name } = await openRaw(pathOrUrl, options);

  let peeked: Awaited<ReturnType<typeof peekStream>>;
  try {
    peeked = await peekStream(raw, (head) => head.length >= 2, 2);
  } catch (error) {
    throw asSourceError(error, pathOrUrl);
  }
  const gzipped = isGzipHead(peeked.head);
  let decompressed: Readable = peeked.stream;
  if (gzipped) {
    // pipeline() destroys both ends on failure, so a corrupt member surfaces as an error on the gunzip stream
    // and an early destroy by the consumer closes the file or connection.
    decompressed = pipeline(peeked.stream, createGunzip(), () => undefined);
  }

  let sniffed: Awaited<ReturnType<typeof peekStream>>;
  try {
    sniffed = await peekStream(decompressed, hasEnoughToSniff, MAX_SNIFF_BYTES);
  } catch (error) {
    throw asSourceError(error, pathOrUrl);
  }
  if (firstSignificantByte(sniffed.head) === -1 && sniffed.head.length < MAX_SNIFF_BYTES) {
    sniffed.stream.destroy();
    throw new BoundarySourceError('source_empty', {
      id: `Sumber ${name} kosong.`,
      en: `The source ${name} is empty.`,
    });
  }
  const format = sniffFormat(sniffed.head);
  if (format === null) {
    sniffed.stream.destroy();
    const start = Math.max(0, firstSignificantByte(sniffed.head));
    const preview = JSON.stringify(sniffed.head.subarray(start, start + 24).toString('latin1'));
    throw new BoundarySourceError('source_unrecognized_format', {
      id: `Format ${name} tidak dikenali (awal isi: ${preview}); yang didukung: GeoJSON FeatureCollection dan dump SQL wilayah_boundaries, boleh di-gzip.`,
      en: `Unrecognised format of ${name} (content starts ${preview}); supported: a GeoJSON FeatureCollection and a wilayah_boundaries SQL dump, optionally gzipped.`,
    });
  }
  return { stream: sniffed.stream, name, format, gzipped };
}

async function openRaw(
  pathOrUrl: string,
  options: OpenBoundarySourceOptions,
): Promise<{ raw: Readable; name: string }> {
  if (/^https?:\/\//i.test(pathOrUrl)) {
    let url: URL;
    try {
      url = new URL(pathOrUrl);
    } catch (error) {
      throw new BoundarySourceError(
        'source_invalid_url',
        { id: `URL tidak sah: ${pathOrUrl}`, en: `Invalid URL: ${pathOrUrl}` },
        { cause: error },
      );
    }
    const raw = await fetchSourceStream(url, {
      timeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
      signal: options.signal,
    });
    return { raw, name: nameFromUrl(url) };
  }
  const filePath = /^file:/i.test(pathOrUrl) ? fileURLToPath(pathOrUrl) : pathOrUrl;
  return { raw: await openFile(filePath, options.signal), name: path.basename(filePath) };
}

async function openFile(filePath: string, signal: AbortSignal | undefined): Promise<Readable> {
  if (signal?.aborted) {
    throw new BoundarySourceError('source_aborted', {
      id: `Pembukaan ${filePath} dibatalkan.`,
      en: `Opening ${filePath} was aborted.`,
    });
  }
  // Open first and stat the handle, so "missing", "a directory" and "no permission" are told apart before any
  // streaming starts, with no window between the check and the read.
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    throw fileOpenError(error, filePath);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new BoundarySourceError('source_not_a_file', {
        id: `${filePath} bukan berkas biasa.`,
        en: `${filePath} is not a regular file.`,
      });
    }
  } catch (error) {
    await handle.close();
    throw error instanceof BoundarySourceError ? error : fileOpenError(error, filePath);
  }
  return handle.createReadStream({ highWaterMark: 64 * 1024, ...(signal ? { signal } : {}) });
}

function fileOpenError(error: unknown, filePath: string): BoundarySourceError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new BoundarySourceError(
      'source_not_found',
      { id: `Berkas tidak ditemukan: ${filePath}`, en: `File not found: ${filePath}` },
      { cause: error },
    );
  }
  if (code === 'EISDIR') {
    return new BoundarySourceError(
      'source_not_a_file',
      { id: `${filePath} adalah direktori, bukan berkas.`, en: `${filePath} is a directory, not a file.` },
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new BoundarySourceError(
    'source_unreadable',
    { id: `Berkas ${filePath} tidak dapat dibaca: ${detail}`, en: `Cannot read ${filePath}: ${detail}` },
    { cause: error },
  );
}

/** Errors while sniffing: keep source errors, call the rest (a corrupt gzip header) a decompression failure. */
function asSourceError(error: unknown, pathOrUrl: string): BoundarySourceError {
  if (error instanceof BoundarySourceError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new BoundarySourceError(
      'source_aborted',
      { id: `Pembacaan ${pathOrUrl} dibatalkan.`, en: `Reading ${pathOrUrl} was aborted.` },
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new BoundarySourceError(
      'source_decompress_failed',
      {
        id: `Isi gzip ${pathOrUrl} rusak: ${detail}`,
        en: `The gzip content of ${pathOrUrl} is corrupt: ${detail}`,
      },
      { cause: error },
    );
  }
  return new BoundarySourceError(
    'source_unreadable',
    { id: `Sumber ${pathOrUrl} tidak dapat dibaca: ${detail}`, en: `Cannot read ${pathOrUrl}: ${detail}` },
    { cause: error },
  );
}

function nameFromUrl(url: URL): string {
  const segment = url.pathname
    .split('/')
    .filter((part) => part.length > 0)
    .pop();
  if (!segment) return url.host;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
