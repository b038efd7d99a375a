import type { CoverageResponse, DashboardResponse } from '@tapak/core';
import type {
  AnalyzeResult,
  Criteria,
  CriteriaPreview,
  CriteriaResponse,
  Health,
  KelurahanCollection,
  KelurahanFeature,
  LayerChangeResult,
  LayerFeatureCollection,
  LayerParams,
  LayerSummary,
  OverlayKind,
  ParcelAttributes,
  ParcelCollection,
  ParcelFeature,
  ParcelGeometry,
  ParcelMapCollection,
  Problem,
  ProgressEntry,
  StatusHistory,
} from './types.ts';

/** An API failure with what the UI needs to explain it: an HTTP status (0 = no response) and the problem body. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(message: string, status: number, problem: Problem | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** No answer from Tapak itself: no connection, or a proxy in front of it saying the server is down. */
  get unreachable(): boolean {
    return this.status === 0 || ((this.status === 502 || this.status === 503 || this.status === 504) && !this.problem);
  }

  /** The problem type's last segment, e.g. "precondition-failed", "invalid-geometry". */
  get code(): string | null {
    return this.problem?.type.split(':').pop() ?? null;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'title' in value && 'status' in value;
}

export type Sent = { data: unknown; etag: string | null; status: number };

/**
 * The session's CSRF token (kept in memory only, never in storage) and who to tell when the server answers
 * 401: the session provider in `auth/` sets both.
 */
const session: { csrfToken: string | null; onUnauthorized: ((path: string) => void) | null } = {
  csrfToken: null,
  onUnauthorized: null,
};

export function setCsrfToken(token: string | null): void {
  session.csrfToken = token;
}

export function onUnauthorized(listener: ((path: string) => void) | null): void {
  session.onUnauthorized = listener;
}

const ACCEPT = 'application/json, application/geo+json';

/** How long an early answer stays usable: past it (a login screen left open, say) the app asks again. */
const EARLY_MAX_AGE_MS = 30_000;
const early = new Map<string, { response: Promise<Response | null>; sentAt: number }>();

/**
 * Sends the first reads the map needs as soon as the bundle runs, alongside the session check instead of after
 * it and after React mounts (BENCHMARKS.md, web: the server answers one request at a time on the embedded
 * engine, so every request started later finishes later). The first GET of the same path takes the answer,
 * once. Anything but a success (a 401 before login, an error, no connection) is dropped and that GET asks again,
 * so an early answer never changes what the app sees, only when.
 */
export function sendEarly(paths: readonly string[]): void {
  for (const path of paths) {
    const response = fetch(path, { headers: { accept: ACCEPT }, credentials: 'same-origin' }).then(
      (answer) => (answer.ok ? answer : null),
      () => null,
    );
    early.set(path, { response, sentAt: performance.now() });
  }
}

async function takeEarly(path: string, signal: AbortSignal | undefined): Promise<Response | null> {
  const entry = early.get(path);
  if (!entry) return null;
  early.delete(path);
  if (performance.now() - entry.sentAt > EARLY_MAX_AGE_MS) return null;
  const response = await entry.response;
  signal?.throwIfAborted();
  return response;
}

export async function send(
  method: string,
  path: string,
  options: { body?: unknown; ifMatch?: string; signal?: AbortSignal | undefined } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { accept: ACCEPT };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  // The server refuses a state-changing request made with the session cookie unless it echoes the token.
  if (method !== 'GET' && method !== 'HEAD' && session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  let response: Response;
  try {
    const earlyAnswer = method === 'GET' ? await takeEarly(path, options.signal) : null;
    response =
      earlyAnswer ??
      (await fetch(path, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: options.signal ?? null,
        credentials: 'same-origin',
      }));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(`network error for ${path}`, 0, null);
  }
  const type = response.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem = isProblem(body) ? body : null;
    if (response.status === 401) session.onUnauthorized?.(path);
    throw new ApiError(
      problem?.detail ?? problem?.title ?? `HTTP ${response.status} for ${path}`,
      response.status,
      problem,
    );
  }
  // A dev server without the API answers index.html with 200: treat a non-JSON body as "no API".
  if (body === null && response.status !== 204) throw new ApiError(`not JSON: ${path}`, response.status, null);
  return { data: body, etag: response.headers.get('etag'), status: response.status };
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await send('GET', path, { signal })).data as T;
}

/** A parcel with the ETag to send back with the next change. */
export type Versioned<T> = { data: T; etag: string };

function versioned<T>(sent: Sent): Versioned<T> {
  const data = sent.data as T & { properties?: { version?: number } };
  // Fall back to the version in the body if a proxy dropped the header.
  const etag = sent.etag ?? `"v${data.properties?.version ?? 0}"`;
  return { data, etag };
}

export type ParcelChange = { geometry?: ParcelGeometry; properties?: Partial<ParcelAttributes> };

export const api = {
  health: (signal?: AbortSignal) => getJson<Health>('/api/health', signal),
  kelurahan: (signal?: AbortSignal) => getJson<KelurahanCollection>('/api/kelurahan', signal),
  kelurahanByKode: (kode: string, signal?: AbortSignal) =>
    getJson<KelurahanFeature>(`/api/kelurahan/${encodeURIComponent(kode)}`, signal),
  criteria: (signal?: AbortSignal) => getJson<CriteriaResponse>('/api/criteria', signal),
  coverage: (signal?: AbortSignal) => getJson<CoverageResponse>('/api/coverage', signal),
  dashboard: (signal?: AbortSignal) => getJson<DashboardResponse>('/api/dashboard', signal),

  parcels: (query: string, signal?: AbortSignal) =>
    getJson<ParcelCollection>(`/api/parcels${query ? `?${query}` : ''}`, signal),
  parcelMap: (query: string, signal?: AbortSignal) =>
    getJson<ParcelMapCollection>(`/api/parcels/map.geojson${query ? `?${query}` : ''}`, signal),
  parcel: async (id: string, signal?: AbortSignal) =>
    versioned<ParcelFeature>(await send('GET', `/api/parcels/${encodeURIComponent(id)}`, { signal })),
  parcelHistory: (id: string, signal?: AbortSignal) =>
    getJson<StatusHistory>(`/api/parcels/${encodeURIComponent(id)}/history`, signal),
  createParcel: async (geometry: ParcelGeometry, properties: Partial<ParcelAttributes> & { name: string }) =>
    versioned<ParcelFeature>(await send('POST', '/api/parcels', { body: { type: 'Feature', geometry, properties } })),
  updateParcel: async (id: string, etag: string, change: ParcelChange) =>
    versioned<ParcelFeature>(
      await send('PATCH', `/api/parcels/${encodeURIComponent(id)}`, { body: change, ifMatch: etag }),
    ),
  deleteParcel: async (id: string, etag: string) => {
    await send('DELETE', `/api/parcels/${encodeURIComponent(id)}`, { ifMatch: etag });
  },
  restoreParcel: async (id: string) =>
    versioned<ParcelFeature>(await send('POST', `/api/parcels/${encodeURIComponent(id)}/restore`)),
  analyze: async (geometry: ParcelGeometry, properties: Partial<ParcelAttributes>, signal?: AbortSignal) =>
    (await send('POST', '/api/analyze', { body: { geometry, properties }, signal })).data as AnalyzeResult,

  layers: (signal?: AbortSignal) => getJson<LayerSummary[]>('/api/layers', signal),
  layerFeatures: (id: string, signal?: AbortSignal) =>
    getJson<LayerFeatureCollection>(`/api/layers/${encodeURIComponent(id)}/features`, signal),
  createLayer: async (body: {
    name: string;
    kind: OverlayKind;
    params?: LayerParams;
    features: LayerFeatureCollection;
  }) => (await send('POST', '/api/layers', { body })).data as LayerChangeResult,
  replaceLayerFeatures: async (id: string, features: LayerFeatureCollection) =>
    (await send('PUT', `/api/layers/${encodeURIComponent(id)}/features`, { body: features })).data as LayerChangeResult,
  deleteLayer: async (id: string) =>
    (await send('DELETE', `/api/layers/${encodeURIComponent(id)}`)).data as LayerChangeResult,
  progress: (signal?: AbortSignal) => getJson<ProgressEntry[]>('/api/progress', signal),
  previewCriteria: async (criteria: Criteria) =>
    (await send('POST', '/api/criteria/preview', { body: criteria })).data as CriteriaPreview,
  saveCriteria: async (criteria: Criteria) =>
    (await send('PUT', '/api/criteria', { body: criteria })).data as CriteriaResponse,
};

/**
 * A POST with upload progress (fetch cannot report it), with the same CSRF header, 401 handling and
 * problem+json errors as `send`: multipart/form-data, or a file as the raw body (its type, else octet-stream).
 */
export function sendForm(
  path: string,
  form: FormData | Blob,
  options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (session.csrfToken) xhr.setRequestHeader('x-csrf-token', session.csrfToken);
    if (form instanceof Blob) xhr.setRequestHeader('content-type', form.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(`network error for ${path}`, 0, null));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    xhr.onload = () => {
      let body: unknown = null;
      if ((xhr.getResponseHeader('content-type') ?? '').includes('json')) {
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const problem = isProblem(body) ? body : null;
        if (xhr.status === 401) session.onUnauthorized?.(path);
        reject(
          new ApiError(problem?.detail ?? problem?.title ?? `HTTP ${xhr.status} for ${path}`, xhr.status, problem),
        );
        return;
      }
      resolve({ data: body, etag: xhr.getResponseHeader('etag'), status: xhr.status });
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
