import type { ParcelSource, ParcelStatus } from '../api/types.ts';

// The parcel filter the planner sets in the "Bidang" list. The same query string drives the list
// (`/api/parcels`) and the download (`/api/export/parcels.geojson`), so "download what I see" holds.

export type QualifiesFilter = 'all' | 'yes' | 'no';

export type ParcelFilterState = {
  kelurahan: string | null;
  kecamatan: string | null;
  status: ParcelStatus | null;
  qualifies: QualifiesFilter;
  shortlisted: boolean;
  source: ParcelSource | null;
  q: string;
};

export const EMPTY_PARCEL_FILTER: ParcelFilterState = {
  kelurahan: null,
  kecamatan: null,
  status: null,
  qualifies: 'all',
  shortlisted: false,
  source: null,
  q: '',
};

/** Query parameters in a stable order (kelurahan, kecamatan, status, qualifies, shortlisted, source, q). */
export function parcelFilterParams(filter: ParcelFilterState): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.kelurahan) params.set('kelurahan', filter.kelurahan);
  else if (filter.kecamatan) params.set('kecamatan', filter.kecamatan);
  if (filter.status) params.set('status', filter.status);
  if (filter.qualifies !== 'all') params.set('qualifies', filter.qualifies === 'yes' ? 'true' : 'false');
  if (filter.shortlisted) params.set('shortlisted', 'true');
  if (filter.source) params.set('source', filter.source);
  const q = filter.q.trim().slice(0, 200);
  if (q !== '') params.set('q', q);
  return params;
}

export function isFilterActive(filter: ParcelFilterState): boolean {
  return parcelFilterParams(filter).toString() !== '';
}

export function parcelListQuery(filter: ParcelFilterState, limit = 1000): string {
  const params = parcelFilterParams(filter);
  params.set('limit', String(limit));
  return params.toString();
}

const EXPORT_PARCELS = '/api/export/parcels.geojson';

/** Download links, each a plain GET the browser saves under the server's Content-Disposition name. */
export const downloads = {
  filtered: (filter: ParcelFilterState) => withQuery(EXPORT_PARCELS, parcelFilterParams(filter)),
  kelurahan: (kode: string) => withQuery(EXPORT_PARCELS, new URLSearchParams({ kelurahan: kode })),
  shortlist: () => withQuery(EXPORT_PARCELS, new URLSearchParams({ shortlisted: 'true' })),
  qualifying: () => withQuery(EXPORT_PARCELS, new URLSearchParams({ qualifies: 'true' })),
  coverage: () => '/api/export/kelurahan.geojson',
  /** The signed-ready A4 report of one kelurahan, drawn by the server. */
  report: (kode: string) => `/api/kelurahan/${encodeURIComponent(kode)}/report.pdf`,
  /** The Agrinas package (sheet, GeoJSON, report, photos, documents) of a kelurahan's primary site. */
  proposal: (kode: string) => withQuery('/api/kelurahan/proposal.zip', new URLSearchParams({ kode })),
  atlas: () => '/api/reports/atlas.pdf',
};

function withQuery(path: string, params: URLSearchParams): string {
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
