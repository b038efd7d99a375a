import type { PublicUser, UserRole } from '@tapak/core';
import type { Knex } from 'knex';

/** All SQL for accounts and their API tokens. */

export interface StoredUser extends PublicUser {
  password_hash: string | null;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: UserRole;
  territory_kode: string | null;
  password_hash: string | null;
  disabled_at: Date | string | null;
  created_at: Date | string;
}

const userColumns = [
  'id',
  'username',
  'display_name',
  'role',
  'territory_kode',
  'password_hash',
  'disabled_at',
  'created_at',
];

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function toUser(row: UserRow): StoredUser {
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    role: row.role,
    territory_kode: row.territory_kode,
    disabled: row.disabled_at !== null,
    created_at: iso(row.created_at),
    password_hash: row.password_hash,
  };
}

export function publicUser(user: StoredUser): PublicUser {
  const { password_hash: _hidden, ...rest } = user;
  return rest;
}

export async function findUserByUsername(knex: Knex | Knex.Transaction, username: string) {
  const row = (await knex('users').where({ username }).first(userColumns)) as UserRow | undefined;
  return row ? toUser(row) : null;
}

export async function findUserById(knex: Knex | Knex.Transaction, id: string) {
  const row = (await knex('users').where({ id }).first(userColumns)) as UserRow | undefined;
  return row ? toUser(row) : null;
}

export async function listUsers(knex: Knex): Promise<StoredUser[]> {
  const rows = (await knex('users').select(userColumns).orderBy('username')) as UserRow[];
  return rows.map(toUser);
}

export async function countAdmins(knex: Knex | Knex.Transaction): Promise<number> {
  const [row] = await knex('users').where({ role: 'admin' }).whereNull('disabled_at').count('* as n');
  return Number(row?.n ?? 0);
}

export async function countUsers(knex: Knex | Knex.Transaction): Promise<number> {
  const [row] = await knex('users').count('* as n');
  return Number(row?.n ?? 0);
}

export interface NewUser {
  username: string;
  display_name: string;
  role: UserRole;
  territory_kode: string | null;
  password_hash: string | null;
}

export async function insertUser(knex: Knex | Knex.Transaction, user: NewUser): Promise<StoredUser> {
  const [row] = await knex<UserRow>('users').insert(user).returning(userColumns);
  if (!row) throw new Error('insert users returned nothing');
  return toUser(row as UserRow);
}

export interface UserChange {
  display_name?: string;
  role?: UserRole;
  territory_kode?: string | null;
  password_hash?: string;
  disabled?: boolean;
}

export async function updateUser(knex: Knex | Knex.Transaction, id: string, change: UserChange) {
  const { disabled, ...rest } = change;
  const row: Record<string, unknown> = { ...rest, updated_at: knex.fn.now() };
  if (disabled !== undefined) row.disabled_at = disabled ? knex.fn.now() : null;
  const [updated] = await knex<UserRow>('users').where({ id }).update(row).returning(userColumns);
  return updated ? toUser(updated as UserRow) : null;
}

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  read_only: boolean;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const tokenColumns = ['id', 'user_id', 'name', 'read_only', 'created_at', 'last_used_at', 'revoked_at'];

function toToken(row: TokenRow) {
  return {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    read_only: row.read_only,
    created_at: iso(row.created_at),
    last_used_at: row.last_used_at === null ? null : iso(row.last_used_at),
    revoked: row.revoked_at !== null,
  };
}

export async function insertApiToken(
  knex: Knex | Knex.Transaction,
  token: { user_id: string; name: string; token_hash: string; read_only: boolean },
) {
  const [row] = await knex('api_tokens').insert(token).returning(tokenColumns);
  return toToken(row as TokenRow);
}

export async function listApiTokens(knex: Knex, userId: string) {
  const rows = (await knex('api_tokens')
    .select(tokenColumns)
    .where({ user_id: userId })
    .orderBy('created_at')) as TokenRow[];
  return rows.map(toToken);
}

export async function revokeApiToken(knex: Knex | Knex.Transaction, id: string) {
  const [row] = await knex('api_tokens')
    .where({ id })
    .update({ revoked_at: knex.raw('COALESCE(revoked_at, now())') })
    .returning(tokenColumns);
  return row ? toToken(row as TokenRow) : null;
}

export async function tokenExists(knex: Knex | Knex.Transaction, tokenHash: string): Promise<boolean> {
  return (await knex('api_tokens').where({ token_hash: tokenHash }).first('id')) !== undefined;
}

/** The live account behind a live token; records its use at most once a minute (a write per request is waste). */
export async function userForToken(knex: Knex, tokenHash: string) {
  const row = await knex('api_tokens as t')
    .join('users as u', 'u.id', 't.user_id')
    .where('t.token_hash', tokenHash)
    .whereNull('t.revoked_at')
    .whereNull('u.disabled_at')
    .first('t.id as token_id', 't.read_only', 't.last_used_at', ...userColumns.map((c) => `u.${c} as ${c}`));
  if (!row) return null;
  const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
  if (Date.now() - lastUsed > 60_000) {
    await knex('api_tokens').where({ id: row.token_id }).update({ last_used_at: knex.fn.now() });
  }
  return { user: toUser(row as UserRow), readOnly: row.read_only as boolean };
}

/**
 * The live account behind a session that is neither expired nor idle too long, in one query (it runs on every
 * request made with a cookie), with what the CSRF check and the idle clock need.
 */
export async function userForSession(knex: Knex, sessionIdHash: string, idleTimeoutMinutes: number) {
  const row = await knex('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.id_hash', sessionIdHash)
    .whereNull('u.disabled_at')
    .where('s.expires_at', '>', knex.fn.now())
    .where('s.last_seen_at', '>', knex.raw('now() - make_interval(mins => ?)', [idleTimeoutMinutes]))
    .first('s.csrf_token_hash', 's.last_seen_at', ...userColumns.map((c) => `u.${c} as ${c}`));
  if (!row) return null;
  return {
    user: toUser(row as UserRow),
    csrfTokenHash: row.csrf_token_hash as string,
    lastSeenAt: new Date(row.last_seen_at),
  };
}
