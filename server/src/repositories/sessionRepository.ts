import type { Knex } from 'knex';

/** All SQL for login sessions and rate-limit counters: both in the database, so instances share them. */

export async function insertSession(
  knex: Knex | Knex.Transaction,
  session: { id_hash: string; user_id: string; csrf_token_hash: string; expires_at: Date },
) {
  await knex('sessions').insert(session);
}

export async function touchSession(knex: Knex, idHash: string) {
  await knex('sessions').where({ id_hash: idHash }).update({ last_seen_at: knex.fn.now() });
}

export async function deleteSession(knex: Knex, idHash: string) {
  await knex('sessions').where({ id_hash: idHash }).delete();
}

export async function deleteSessionsOfUser(knex: Knex | Knex.Transaction, userId: string) {
  await knex('sessions').where({ user_id: userId }).delete();
}

/** Old sessions are removed lazily at login, so the table does not grow without bound. */
export async function deleteExpiredSessions(knex: Knex, idleTimeoutMinutes: number) {
  await knex('sessions')
    .where('expires_at', '<', knex.fn.now())
    .orWhere('last_seen_at', '<', knex.raw(`now() - make_interval(mins => ?)`, [idleTimeoutMinutes]))
    .delete();
}

export async function clearHits(knex: Knex, key: string) {
  await knex('rate_limit_buckets').where({ key }).delete();
}

/**
 * Takes one of `maxHits` slots of a fixed window, atomically: the row lock of the upsert serialises concurrent
 * callers (on every instance), so no more than `maxHits` ever succeed in a window. False when none is left.
 */
export async function takeHit(knex: Knex, key: string, windowSeconds: number, maxHits: number): Promise<boolean> {
  const result = await knex.raw<{ rows: Array<{ hits: number }> }>(
    `INSERT INTO rate_limit_buckets (key, window_started_at, hits) VALUES (?, now(), 1)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN rate_limit_buckets.window_started_at < now() - make_interval(secs => ?)
                   THEN 1 ELSE rate_limit_buckets.hits + 1 END,
       window_started_at = CASE WHEN rate_limit_buckets.window_started_at < now() - make_interval(secs => ?)
                   THEN now() ELSE rate_limit_buckets.window_started_at END
     WHERE rate_limit_buckets.window_started_at < now() - make_interval(secs => ?)
        OR rate_limit_buckets.hits < ?
     RETURNING hits`,
    [key, windowSeconds, windowSeconds, windowSeconds, maxHits],
  );
  return result.rows.length > 0;
}

/** Gives back a slot taken by `takeHit` (an attempt that turned out not to count). */
export async function releaseHit(knex: Knex, key: string) {
  await knex('rate_limit_buckets').where({ key }).where('hits', '>', 0).decrement('hits', 1);
}
