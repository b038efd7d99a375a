import { readStored, writeStored } from '../state/storage.ts';

/**
 * Whether the last start could read the region's data (signed in, or public read), remembered in this browser.
 * Only then does the next start send its data reads early (`main.tsx`): without a session they would only draw
 * 401s, which the browser logs as errors on the login screen. Holds no secret; the session cookie is HTTP-only.
 */
const COULD_READ_KEY = 'tapak.couldRead';

export function rememberCouldRead(couldRead: boolean): void {
  writeStored(COULD_READ_KEY, couldRead ? '1' : '0');
}

export function couldReadLastTime(): boolean {
  return readStored(COULD_READ_KEY, (value): value is '1' => value === '1') !== null;
}
