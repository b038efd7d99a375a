import { useEffect, useState } from 'react';

type CoverageRow = { kode: string; no_site_reason?: string | null };

/**
 * Why each kelurahan has no qualifying site yet (from `/api/coverage`), read again whenever parcels change.
 * Optional: an older server without the field simply yields no reasons. Nothing is asked before `enabled`:
 * the server reads every candidate's checks for this, and the map's own reads go first.
 */
export function useNoSiteReasons(revision: number, enabled: boolean): ReadonlyMap<string, string> {
  const [reasons, setReasons] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    void revision;
    if (!enabled) return;
    const abort = new AbortController();
    fetch('/api/coverage', { headers: { accept: 'application/json' }, signal: abort.signal })
      .then((response) => (response.ok ? (response.json() as Promise<{ kelurahan?: CoverageRow[] }>) : null))
      .then((body) => {
        const rows = body?.kelurahan ?? [];
        setReasons(new Map(rows.flatMap((row) => (row.no_site_reason ? [[row.kode, row.no_site_reason]] : []))));
      })
      .catch(() => {});
    return () => abort.abort();
  }, [revision, enabled]);
  return reasons;
}
