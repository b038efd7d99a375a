import type { Knex } from 'knex';
import { type ChangeOrigin, recordChange } from '../audit/changeOrigin.ts';
import type { TapakConfig } from '../config.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import {
  clearHits,
  deleteExpiredSessions,
  deleteSession,
  insertSession,
  releaseHit,
  takeHit,
} from '../repositories/sessionRepository.ts';
import { findUserByUsername, publicUser, type StoredUser } from '../repositories/userRepository.ts';
import { passwordMatches } from './passwords.ts';
import { newSecret, secretHash } from './secrets.ts';
import { csrfTokenFor } from './sessionCookie.ts';

/** Ten failed logins per account or per address in a quarter of an hour; the eleventh is refused (429). */
export const maxFailedLogins = 10;
export const failedLoginWindowSeconds = 15 * 60;

function tooManyAttempts() {
  return new HttpProblem(
    'too-many-requests',
    {
      id: 'Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit lalu coba lagi.',
      en: 'Too many failed login attempts. Wait 15 minutes and try again.',
    },
    undefined,
    { retry_after_seconds: failedLoginWindowSeconds },
  );
}

export interface StartedSession {
  sessionId: string;
  csrfToken: string;
  user: StoredUser;
  expiresAt: Date;
}

export async function logIn(
  knex: Knex,
  config: TapakConfig,
  credentials: { username: string; password: string },
  clientAddress: string,
): Promise<StartedSession> {
  // PostgreSQL text cannot hold U+0000 (the rate-limit upsert failed with a 500): no account can be named with
  // it, so it is replaced and the attempt fails and counts like any other wrong name.
  const username = credentials.username.replaceAll('\u0000', '\uFFFD');
  const keys = [`login:user:${username}`, `login:ip:${clientAddress}`];
  // Each attempt takes a slot per key before the password is checked, atomically in the database: checking the
  // count and adding a failure afterwards let parallel guesses (on one or several instances) all pass the check
  // while the slow password hash ran — 30 of 40 parallel failures got through instead of 10.
  const taken: string[] = [];
  for (const key of keys) {
    if (!(await takeHit(knex, key, failedLoginWindowSeconds, maxFailedLogins))) {
      for (const given of taken) await releaseHit(knex, given);
      throw tooManyAttempts();
    }
    taken.push(key);
  }
  const user = await findUserByUsername(knex, username);
  const matches = await passwordMatches(user?.password_hash ?? null, credentials.password);
  if (!user || !matches || user.disabled) {
    throw new HttpProblem('unauthorized', {
      id: 'Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.',
      en: 'Wrong username or password, or the account is disabled.',
    });
  }
  // A success is no failure: the account's count starts afresh and the address gets its slot back.
  await clearHits(knex, keys[0] ?? '');
  await releaseHit(knex, keys[1] ?? '');
  await deleteExpiredSessions(knex, config.sessionIdleMinutes);
  const sessionId = newSecret();
  const csrfToken = csrfTokenFor(sessionId);
  const expiresAt = new Date(Date.now() + config.sessionMaxHours * 3_600_000);
  await knex.transaction(async (trx) => {
    await insertSession(trx, {
      id_hash: secretHash(sessionId),
      user_id: user.id,
      csrf_token_hash: secretHash(csrfToken),
      expires_at: expiresAt,
    });
    const origin: ChangeOrigin = {
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role,
        territoryKode: user.territory_kode,
        via: 'session',
        readOnly: false,
      },
      route: 'POST /api/auth/login',
    };
    await recordChange(trx, origin, {
      action: 'login',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: { username: publicUser(user).username, address: clientAddress },
    });
  });
  return { sessionId, csrfToken, user, expiresAt };
}

export async function logOut(knex: Knex, sessionIdHash: string) {
  await deleteSession(knex, sessionIdHash);
}
