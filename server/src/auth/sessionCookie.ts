import { createHash } from 'node:crypto';

export const sessionCookieName = 'tapak_session';

/**
 * The CSRF token is derived from the session id (never stored in clear), so the web app can ask for it
 * again after a reload: a cross-site page can send the cookie but cannot read this value.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`tapak-csrf:${sessionId}`).digest('base64url');
}
