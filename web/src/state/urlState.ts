// What a shared link carries: the selected kelurahan, the map view and the list filter. Kept in the
// query string (not the hash) so the server can log and redirect it; unknown parameters are kept so
// later features can add their own without this module knowing them.

export type MapView = { zoom: number; lat: number; lon: number };
export type ListFilter = 'unqualified';
/** `parcel` (the open parcel's id) is optional so older links and callers keep working. */
export type UrlState = { kel: string | null; view: MapView | null; filter: ListFilter | null; parcel?: string | null };

export const EMPTY_URL_STATE: UrlState = { kel: null, view: null, filter: null };

const KODE_PATTERN = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isKelurahanKode(value: string): boolean {
  return KODE_PATTERN.test(value);
}

/** "13.25/-6.26120/106.99120" (zoom/lat/lon, like OpenStreetMap's links). */
export function parseView(text: string): MapView | null {
  const parts = text.split('/');
  if (parts.length !== 3) return null;
  const [zoom, lat, lon] = parts.map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  if (zoom === undefined || lat === undefined || lon === undefined) return null;
  if (!Number.isFinite(zoom) || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (zoom < 0 || zoom > 24 || lat < -85.06 || lat > 85.06 || lon < -180 || lon > 180) return null;
  return { zoom, lat, lon };
}

export function formatView(view: MapView): string {
  // Five decimals is about a metre: enough to restore a view, short enough to paste.
  return `${view.zoom.toFixed(2)}/${view.lat.toFixed(5)}/${view.lon.toFixed(5)}`;
}

export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const kel = params.get('kel');
  const view = params.get('map');
  const parcel = params.get('parcel');
  return {
    kel: kel !== null && isKelurahanKode(kel) ? kel : null,
    view: view !== null ? parseView(view) : null,
    filter: params.get('filter') === 'unqualified' ? 'unqualified' : null,
    ...(parcel !== null && UUID_PATTERN.test(parcel) ? { parcel } : {}),
  };
}

/** The query string (with "?", or "" when empty) for `state`, keeping parameters this module does not own. */
export function serializeUrlState(state: UrlState, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  const set = (key: string, value: string | null) => (value === null ? params.delete(key) : params.set(key, value));
  set('kel', state.kel);
  set('map', state.view ? formatView(state.view) : null);
  set('filter', state.filter);
  if (state.parcel !== undefined) set('parcel', state.parcel);
  // URLSearchParams escapes "/"; a view reads better and stays valid unescaped.
  const text = params.toString().replaceAll('%2F', '/');
  return text === '' ? '' : `?${text}`;
}

/** Replaces (not pushes) the entry: panning must not fill the back button's history. */
export function writeUrlState(state: UrlState): void {
  const search = serializeUrlState(state, window.location.search);
  if (search === window.location.search) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
}
