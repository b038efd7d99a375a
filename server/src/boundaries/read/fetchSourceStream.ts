import { Readable } from 'node:stream';
import { BoundarySourceError } from './errors.ts';

export interface FetchSourceOptions {
  /** Longest wait for the answer's headers, and then for each next piece of the body. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * Opens an http(s) URL as a byte stream with global `fetch`. The timeout is an idle timeout, not a deadline:
 * the national file is about 59 MB and may take minutes on a slow link, which is fine as long as bytes keep
 * coming. The timer only runs while we actually wait for the network, so a slow consumer (database inserts)
 * applying backpressure never trips it.
 */
export async function fetchSourceStream(url: URL, options: FetchSourceOptions): Promise<Readable> {
  const timeout = new AbortController();
  const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
  const explain = (error: unknown): BoundarySourceError => {
    if (options.signal?.aborted) {
      return new BoundarySourceError(
        'source_aborted',
        { id: `Pengunduhan ${url.href} dibatalkan.`, en: `Download of ${url.href} was aborted.` },
        { cause: error },
      );
    }
    if (timeout.signal.aborted) {
      return new BoundarySourceError(
        'source_fetch_timeout',
        {
          id: `Server ${url.host} tidak menjawab dalam ${options.timeoutMs} ms.`,
          en: `${url.host} did not answer within ${options.timeoutMs} ms.`,
        },
        { cause: error },
      );
    }
    const detail = describeFetchError(error);
    return new BoundarySourceError(
      'source_fetch_failed',
      { id: `Gagal mengunduh ${url.href}: ${detail}`, en: `Could not download ${url.href}: ${detail}` },
      { cause: error },
    );
  };

  if (options.signal?.aborted) throw explain(options.signal.reason);
  let timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (error) {
    throw explain(error);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new BoundarySourceError(
      'source_fetch_failed',
      {
        id: `Server menjawab ${status} untuk ${url.href}.`,
        en: `The server answered ${status} for ${url.href}.`,
      },
      { httpStatus: response.status },
    );
  }
  const body = response.body;
  if (!body) return Readable.from([], { objectMode: false });

  const reader = body.getReader();
  return new Readable({
    read() {
      timer = setTimeout(() => timeout.abort(), options.timeoutMs);
      reader.read().then(
        (next) => {
          clearTimeout(timer);
          if (next.done) this.push(null);
          else this.push(Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength));
        },
        (error: unknown) => {
          clearTimeout(timer);
          this.destroy(explain(error));
        },
      );
    },
    destroy(error, callback) {
      clearTimeout(timer);
      reader.cancel().catch(() => undefined);
      callback(error);
    },
  });
}

/** undici hides the useful part (ECONNREFUSED, ENOTFOUND...) in `cause`. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string'
      ? `${error.message} (${code}: ${cause.message})`
      : `${error.message} (${cause.message})`;
  }
  return error.message;
}
