import type { Health, KelurahanCollection, KelurahanFeature, Problem } from './types.ts';

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
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'title' in value && 'status' in value;
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(`network error for ${path}`, 0, null);
  }
  const type = response.headers.get('content-type') ?? '';
  const body: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem = isProblem(body) ? body : null;
    throw new ApiError(
      problem?.detail ?? problem?.title ?? `HTTP ${response.status} for ${path}`,
      response.status,
      problem,
    );
  }
  // A dev server without the API answers index.html with 200: treat a non-JSON body as "no API".
  if (body === null) throw new ApiError(`not JSON: ${path}`, response.status, null);
  return body as T;
}

export const api = {
  health: (signal?: AbortSignal) => getJson<Health>('/api/health', signal),
  kelurahan: (signal?: AbortSignal) => getJson<KelurahanCollection>('/api/kelurahan', signal),
  kelurahanByKode: (kode: string, signal?: AbortSignal) =>
    getJson<KelurahanFeature>(`/api/kelurahan/${encodeURIComponent(kode)}`, signal),
};
