import { ApiError } from '../api/client.ts';
import type { Locale } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/messages.id.ts';

/**
 * What to tell a person about a failed request: the server's own sentence (RFC 9457 `detail`, bilingual) when
 * there is one, a plain network message otherwise. Never an exception's text or stack.
 */
export function problemMessage(error: unknown, t: Messages, locale: Locale): string {
  if (!(error instanceof ApiError) || error.unreachable || !error.problem) return t.errors.network;
  const { problem } = error;
  return (locale === 'en' ? problem.detail_en : problem.detail) ?? problem.detail ?? problem.title;
}
