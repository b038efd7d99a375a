import type { CoverageResponse, DashboardResponse } from '@tapak/core';
import { useCallback, useEffect, useState } from 'react';
import criteriaDefaults from '../../../data/criteria.default.json';
import { ApiError, api } from '../api/client.ts';
import type { AreaThresholds } from './dashboardData.ts';

/** The thresholds Tapak ships with (data/criteria.default.json), when the criteria in force cannot be read. */
export const DEFAULT_THRESHOLDS: AreaThresholds = {
  min_area_m2: criteriaDefaults.min_area_m2,
  ideal_area_m2: criteriaDefaults.ideal_area_m2,
};

export type DashboardData = {
  coverage: CoverageResponse;
  dashboard: DashboardResponse;
  thresholds: AreaThresholds;
  /** True when the lines use the defaults because GET /api/criteria failed. */
  thresholdsFallback: boolean;
};

export type DashboardState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: DashboardData };

/**
 * Coverage per kelurahan (GET /api/coverage), the parcel aggregates (GET /api/dashboard) and the area
 * thresholds in force (GET /api/criteria), read together; again when `revision` changes (a parcel saved).
 */
export function useDashboardData(revision: number): { state: DashboardState; retry: () => void } {
  const [state, setState] = useState<DashboardState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void revision;
    void attempt;
    const abort = new AbortController();
    const criteria = api
      .criteria(abort.signal)
      .then(({ criteria: c }) => ({
        thresholds: { min_area_m2: c.min_area_m2, ideal_area_m2: c.ideal_area_m2 },
        fallback: false,
      }))
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        return { thresholds: DEFAULT_THRESHOLDS, fallback: true };
      });
    Promise.all([
      // Through the app's client, so an expired session brings back the login like everywhere else.
      api.coverage(abort.signal),
      api.dashboard(abort.signal),
      criteria,
    ])
      .then(([coverage, dashboard, { thresholds, fallback }]) =>
        setState({ status: 'ready', data: { coverage, dashboard, thresholds, thresholdsFallback: fallback } }),
      )
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        // A failed refresh keeps the figures on screen; only a first load shows the error.
        setState((current) =>
          current.status === 'ready'
            ? current
            : { status: 'error', error: error instanceof ApiError ? error : new ApiError(String(error), 0, null) },
        );
      });
    return () => abort.abort();
  }, [revision, attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}
