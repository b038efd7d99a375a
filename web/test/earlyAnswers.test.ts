import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, onUnauthorized, sendEarly } from '../src/api/client.ts';
import { couldReadLastTime, rememberCouldRead } from '../src/auth/couldRead.ts';

/** The kelurahan listing as the server answers it, numbered so a test can tell which request answered. */
const listing = (n: number) =>
  new Response(JSON.stringify({ type: 'FeatureCollection', features: [], answer: n }), {
    status: 200,
    headers: { 'content-type': 'application/geo+json' },
  });

const unauthorized = () =>
  new Response(JSON.stringify({ type: 'urn:tapak:problem:unauthorized', title: 'Belum masuk', status: 401 }), {
    status: 401,
    headers: { 'content-type': 'application/problem+json' },
  });

describe('early answers (sent before the session check, taken by the first GET of the same path)', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    onUnauthorized(null);
  });

  it('the first GET takes the early answer without asking again; the next GET asks afresh', async () => {
    fetchMock.mockResolvedValueOnce(listing(1)).mockResolvedValueOnce(listing(2));
    sendEarly(['/api/kelurahan']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await api.kelurahan()).toMatchObject({ answer: 1 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await api.kelurahan()).toMatchObject({ answer: 2 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('drops an early 401 (sent before login) quietly and asks again', async () => {
    const unauthorizedPaths: string[] = [];
    onUnauthorized((path) => unauthorizedPaths.push(path));
    fetchMock.mockResolvedValueOnce(unauthorized()).mockResolvedValueOnce(listing(2));
    sendEarly(['/api/kelurahan']);
    expect(await api.kelurahan()).toMatchObject({ answer: 2 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(unauthorizedPaths).toEqual([]);
  });

  it('drops an early answer that failed to arrive and asks again', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce(listing(2));
    sendEarly(['/api/kelurahan']);
    expect(await api.kelurahan()).toMatchObject({ answer: 2 });
  });

  it('does not use an early answer older than 30 s (a login screen left open)', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    fetchMock.mockResolvedValueOnce(listing(1)).mockResolvedValueOnce(listing(2));
    sendEarly(['/api/kelurahan']);
    now.mockReturnValue(31_001);
    expect(await api.kelurahan()).toMatchObject({ answer: 2 });
  });

  it('answers only the path it was sent for', async () => {
    fetchMock.mockResolvedValueOnce(listing(1)).mockResolvedValueOnce(listing(2)).mockResolvedValueOnce(listing(3));
    sendEarly(['/api/kelurahan']);
    expect(await api.kelurahanByKode('32.75.01.1001')).toMatchObject({ answer: 2 });
    expect(await api.kelurahan()).toMatchObject({ answer: 1 });
  });

  it('a GET aborted while it waits for the early answer is aborted, not answered', async () => {
    fetchMock.mockResolvedValueOnce(listing(1));
    sendEarly(['/api/kelurahan']);
    const abort = new AbortController();
    const request = api.kelurahan(abort.signal);
    abort.abort();
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('whether a start sends its data reads early (the browser could read last time)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('remembers a start that could read, and forgets it when the session ended', () => {
    const stored = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => stored.set(key, value),
      removeItem: (key: string) => stored.delete(key),
    });
    expect(couldReadLastTime()).toBe(false);
    rememberCouldRead(true);
    expect(couldReadLastTime()).toBe(true);
    rememberCouldRead(false);
    expect(couldReadLastTime()).toBe(false);
  });

  it('says no when storage is refused (private mode), so nothing is sent that could draw a 401', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    });
    expect(() => rememberCouldRead(true)).not.toThrow();
    expect(couldReadLastTime()).toBe(false);
  });
});
