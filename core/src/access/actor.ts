import type { UserRole } from '../contracts/auth.ts';

/** Who is asking: the account behind a session or token, or nobody (public read). */
export interface Actor {
  userId: string | null;
  username: string;
  displayName: string;
  role: UserRole | null;
  /** Kecamatan code for a camat, kelurahan code for a lurah, null for city-wide roles. */
  territoryKode: string | null;
  via: 'session' | 'token' | 'anonymous';
  /** A read-only API token may not write, whatever its owner's role. */
  readOnly: boolean;
}

export const anonymousActor: Actor = {
  userId: null,
  username: 'anonim',
  displayName: 'Anonim',
  role: null,
  territoryKode: null,
  via: 'anonymous',
  readOnly: true,
};

/** The label the audit log keeps, so history stays readable after an account is renamed or removed. */
export function actorLabel(actor: Actor): string {
  return actor.via === 'token' ? `${actor.username} (token)` : actor.username;
}
