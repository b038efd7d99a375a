import type { AccessRefusal } from '@tapak/core/access/accessRefusal';
import { type Actor, anonymousActor } from '@tapak/core/access/actor';
import type { SessionInfo } from '@tapak/core/contracts/auth';
import type { Locale } from '../i18n/i18n.tsx';

/**
 * The core's Actor for what the server told us about the session, so the web asks the same access rules
 * (core/src/access) the server enforces. A read-only session (`read_only`: a pemantau, or public read without
 * login) stays read-only here even if the role says otherwise: the server's word wins.
 */
export function actorFromSession(info: SessionInfo | null): Actor {
  const user = info?.user ?? null;
  if (!info || !user || user.disabled) return anonymousActor;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    territoryKode: user.territory_kode,
    via: info.via,
    readOnly: info.via === 'token' ? info.read_only : false,
  };
}

/** The refusal's sentence in the UI language (the core writes both); null when allowed. */
export function refusalText(refusal: AccessRefusal | null, locale: Locale): string | null {
  if (!refusal) return null;
  return locale === 'en' ? refusal.message.en : refusal.message.id;
}
