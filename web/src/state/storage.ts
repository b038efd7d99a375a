// localStorage can throw (private mode, disabled storage): preferences are a nicety, never a failure.
export function readStored<T>(key: string, guard: (value: unknown) => value is T): T | null {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw !== null && raw !== undefined && guard(raw) ? raw : null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // ignored on purpose: see above
  }
}
