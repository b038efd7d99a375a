import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { Health, KelurahanFeature } from '../api/types.ts';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: ApiError };

const POLL_MS = 5_000;

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(String(error), 0, null);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Health and the kelurahan list, with a retry and a poll while the server is still fetching boundaries. */
export function useTapakData() {
  const [health, setHealth] = useState<Loadable<Health>>({ status: 'loading' });
  const [kelurahan, setKelurahan] = useState<Loadable<KelurahanFeature[]>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [pollTick, setPollTick] = useState(0);

  useEffect(() => {
    void attempt; // re-run on retry
    const controller = new AbortController();
    setHealth({ status: 'loading' });
    setKelurahan({ status: 'loading' });
    api
      .health(controller.signal)
      .then((data) => setHealth({ status: 'ready', data }))
      .catch((error: unknown) => isAbort(error) || setHealth({ status: 'error', error: toApiError(error) }));
    api
      .kelurahan(controller.signal)
      .then((data) => setKelurahan({ status: 'ready', data: data.features }))
      .catch((error: unknown) => isAbort(error) || setKelurahan({ status: 'error', error: toApiError(error) }));
    return () => controller.abort();
  }, [attempt]);

  const fetching = health.status === 'ready' && health.data.boundaries.status === 'fetching';
  useEffect(() => {
    void pollTick; // re-run after each look
    if (!fetching) return;
    // The server imports boundaries in the background: look again until it says they are ready.
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .health(controller.signal)
        .then((data) => {
          if (data.boundaries.status === 'fetching') setPollTick((n) => n + 1);
          else setAttempt((n) => n + 1);
        })
        .catch((error: unknown) => isAbort(error) || setPollTick((n) => n + 1));
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [fetching, pollTick]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  /** Re-reads the kelurahan counts after a parcel changed, keeping the current data on screen meanwhile. */
  const refreshKelurahan = useCallback(() => {
    api
      .kelurahan()
      .then((data) => setKelurahan({ status: 'ready', data: data.features }))
      .catch((error: unknown) => console.warn('kelurahan refresh failed', error));
  }, []);
  return { health, kelurahan, retry, refreshKelurahan };
}
