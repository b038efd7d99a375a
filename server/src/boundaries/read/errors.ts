/**
 * Errors of the boundary reader layer. Each carries a stable `code` for the importer and the API to branch on,
 * and the message in Bahasa Indonesia and English: operators of a kelurahan office read the first, logs and
 * developers the second. `message` holds both so that a plain `console.error` is still understandable.
 */

/** Why a source (file or URL) could not be opened or recognised. */
export type BoundarySourceErrorCode =
  | 'source_not_found'
  | 'source_not_a_file'
  | 'source_unreadable'
  | 'source_invalid_url'
  | 'source_fetch_failed'
  | 'source_fetch_timeout'
  | 'source_aborted'
  | 'source_empty'
  | 'source_decompress_failed'
  | 'source_unrecognized_format';

/** Why the content of an opened source could not be read as boundary features. */
export type BoundaryReadErrorCode =
  | 'malformed_json'
  | 'not_feature_collection'
  | 'invalid_feature'
  | 'unsupported_crs'
  | 'crs_after_features'
  | 'malformed_sql'
  | 'read_failed';

export interface LocalizedMessage {
  /** Bahasa Indonesia. */
  id: string;
  /** English. */
  en: string;
}

function combine(messages: LocalizedMessage): string {
  return `${messages.id} / ${messages.en}`;
}

export class BoundarySourceError extends Error {
  override readonly name = 'BoundarySourceError';
  readonly code: BoundarySourceErrorCode;
  readonly messages: LocalizedMessage;
  /** HTTP status of a non-2xx answer, when there was one. */
  readonly httpStatus: number | undefined;

  constructor(
    code: BoundarySourceErrorCode,
    messages: LocalizedMessage,
    options: { cause?: unknown; httpStatus?: number } = {},
  ) {
    super(combine(messages), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.messages = messages;
    this.httpStatus = options.httpStatus;
  }
}

export class BoundaryReadError extends Error {
  override readonly name = 'BoundaryReadError';
  readonly code: BoundaryReadErrorCode;
  readonly messages: LocalizedMessage;
  /** 1-based ordinal of the feature (GeoJSON) or row (SQL) being read when the error happened. */
  readonly ordinal: number | undefined;
  /**
   * Approximate offset into the decompressed text where the error was noticed: bytes for GeoJSON (the parser
   * works on whole chunks, so it can lie up to one chunk ahead), characters for SQL.
   */
  readonly position: number | undefined;

  constructor(
    code: BoundaryReadErrorCode,
    messages: LocalizedMessage,
    options: { cause?: unknown; ordinal?: number; position?: number } = {},
  ) {
    super(combine(messages), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.messages = messages;
    this.ordinal = options.ordinal;
    this.position = options.position;
  }
}

export function isBoundaryError(error: unknown): error is BoundarySourceError | BoundaryReadError {
  return error instanceof BoundarySourceError || error instanceof BoundaryReadError;
}

/**
 * Turns whatever a stream pipeline threw into a reader error, so the importer only ever sees the two classes
 * above: boundary errors pass through, aborts stay aborts, the rest (disk, zlib) becomes `read_failed`.
 */
export function toBoundaryError(error: unknown, ordinal?: number): BoundarySourceError | BoundaryReadError {
  if (isBoundaryError(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new BoundarySourceError(
      'source_aborted',
      { id: 'Pembacaan sumber dibatalkan.', en: 'Reading the source was aborted.' },
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const isZlib = typeof code === 'string' && code.startsWith('Z_');
  return new BoundaryReadError(
    'read_failed',
    isZlib
      ? { id: `Berkas gzip rusak atau terpotong: ${detail}`, en: `The gzip data is corrupt or truncated: ${detail}` }
      : { id: `Gagal membaca sumber: ${detail}`, en: `Failed to read the source: ${detail}` },
    ordinal === undefined ? { cause: error } : { cause: error, ordinal },
  );
}
