import type { Actor } from './actor.ts';

/** Why an actor may not do something; null means allowed. Validators return a reason, never a bare false. */
export interface AccessRefusal {
  reason: 'anonymous' | 'read_only_token' | 'read_only_role' | 'outside_territory' | 'admin_only' | 'city_wide_only';
  message: { id: string; en: string };
}

export function anonymousRefusal(actor: Actor): AccessRefusal | null {
  if (actor.role !== null) return null;
  return {
    reason: 'anonymous',
    message: { id: 'Masuk terlebih dahulu untuk mengubah data.', en: 'Log in first to change data.' },
  };
}

/** Anything that writes: refused for anonymous, read-only tokens and the read-only role. */
export function writerRefusal(actor: Actor): AccessRefusal | null {
  const anonymous = anonymousRefusal(actor);
  if (anonymous) return anonymous;
  if (actor.readOnly) {
    return {
      reason: 'read_only_token',
      message: {
        id: 'Token API ini hanya untuk membaca. Minta admin membuat token yang boleh menulis.',
        en: 'This API token is read only. Ask an admin for a token that may write.',
      },
    };
  }
  if (actor.role === 'pemantau') {
    return {
      reason: 'read_only_role',
      message: {
        id: 'Peran pemantau hanya dapat membaca dan mengunduh.',
        en: 'The observer role can only read and download.',
      },
    };
  }
  return null;
}
