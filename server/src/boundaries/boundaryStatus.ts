import type { HealthResponse } from '@tapak/core';

type BoundaryState = HealthResponse['boundaries']['status'];

/**
 * What the server knows about its boundaries right now, for /api/health and the log: whether a first-start
 * download is running, and how to import a file when boundaries are missing.
 */
export class BoundaryStatus {
  fetching = false;

  describe(kelurahan: number, withBoundary: number): HealthResponse['boundaries'] {
    let status: BoundaryState;
    if (this.fetching) status = 'fetching';
    else if (kelurahan > 0 && withBoundary === kelurahan) status = 'ready';
    else if (withBoundary > 0) status = 'partial';
    else status = 'missing';
    if (status === 'ready' || status === 'fetching') return { status };
    return { status, hint: importHint };
  }
}

export const importHint = {
  id:
    'Batas wilayah belum lengkap. Impor berkas GeoJSON (.geojson/.gz) atau dump SQL wilayah_boundaries: ' +
    '`npm run import:boundaries -- <berkas atau URL>` (server dihentikan dahulu), atau POST /api/admin/boundaries.',
  en:
    'Boundaries are incomplete. Import a GeoJSON (.geojson/.gz) file or a wilayah_boundaries SQL dump: ' +
    '`npm run import:boundaries -- <file or URL>` (with the server stopped), or POST /api/admin/boundaries.',
};
