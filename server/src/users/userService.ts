import { type PublicUser, territoryFitsRole, type UserCreate, type UserPatch, userRoleLabels } from '@tapak/core';
import type { Knex } from 'knex';
import { type ChangeOrigin, recordChange } from '../audit/changeOrigin.ts';
import { hashPassword } from '../auth/passwords.ts';
import { newSecret, secretHash } from '../auth/secrets.ts';
import type { TapakConfig } from '../config.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import { deleteSessionsOfUser } from '../repositories/sessionRepository.ts';
import {
  countAdmins,
  countUsers,
  findUserById,
  findUserByUsername,
  insertApiToken,
  insertUser,
  publicUser,
  revokeApiToken,
  tokenExists,
  updateUser as updateUserRow,
} from '../repositories/userRepository.ts';

/**
 * Account use cases for the admin routes and the `npm run user` command line. Every change is audited
 * (never with the password hash); disabling an account or changing its password or role ends its sessions.
 */

async function requireTerritoryKnown(knex: Knex | Knex.Transaction, role: PublicUser['role'], kode: string | null) {
  if (!territoryFitsRole(role, kode)) {
    throw new HttpProblem('bad-request', {
      id: `Peran ${userRoleLabels[role].id} memerlukan wilayah kerja yang sesuai: kode kecamatan untuk camat, kode kelurahan untuk lurah, kosong untuk peran lain.`,
      en: `Role ${userRoleLabels[role].en} needs a matching territory: a kecamatan code for camat, a kelurahan code for lurah, none otherwise.`,
    });
  }
  if (kode === null) return;
  const known = await knex(role === 'camat' ? 'kecamatan' : 'kelurahan')
    .where({ kode })
    .first('kode');
  if (!known) {
    throw new HttpProblem('bad-request', {
      id: `Kode wilayah ${kode} tidak dikenal.`,
      en: `Unknown region code ${kode}.`,
    });
  }
}

export async function createUser(knex: Knex, origin: ChangeOrigin, input: UserCreate): Promise<PublicUser> {
  const territory = input.territory_kode ?? null;
  const passwordHash = await hashPassword(input.password);
  return knex.transaction(async (trx) => {
    await requireTerritoryKnown(trx, input.role, territory);
    if (await findUserByUsername(trx, input.username)) {
      throw new HttpProblem('conflict', {
        id: `Nama pengguna ${input.username} sudah dipakai.`,
        en: `Username ${input.username} is taken.`,
      });
    }
    const user = publicUser(
      await insertUser(trx, {
        username: input.username,
        display_name: input.display_name,
        role: input.role,
        territory_kode: territory,
        password_hash: passwordHash,
      }),
    );
    await recordChange(trx, origin, {
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: user,
    });
    return user;
  });
}

export async function changeUser(knex: Knex, origin: ChangeOrigin, id: string, patch: UserPatch): Promise<PublicUser> {
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  return knex.transaction(async (trx) => {
    const stored = await findUserById(trx, id);
    if (!stored) throw new HttpProblem('not-found', { id: `Pengguna ${id} tidak ada.`, en: `There is no user ${id}.` });
    const role = patch.role ?? stored.role;
    const territory = patch.territory_kode !== undefined ? patch.territory_kode : stored.territory_kode;
    await requireTerritoryKnown(trx, role, role === 'camat' || role === 'lurah' ? territory : null);
    const losingAdmin = stored.role === 'admin' && !stored.disabled && (role !== 'admin' || patch.disabled === true);
    if (losingAdmin && (await countAdmins(trx)) <= 1) {
      throw new HttpProblem('conflict', {
        id: 'Ini admin aktif terakhir: tetapkan admin lain dahulu.',
        en: 'This is the last active admin: appoint another admin first.',
      });
    }
    const updated = await updateUserRow(trx, id, {
      ...(patch.display_name !== undefined ? { display_name: patch.display_name } : {}),
      role,
      territory_kode: role === 'camat' || role === 'lurah' ? territory : null,
      ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    });
    if (!updated)
      throw new HttpProblem('not-found', { id: `Pengguna ${id} tidak ada.`, en: `There is no user ${id}.` });
    if (
      patch.password !== undefined ||
      patch.disabled === true ||
      role !== stored.role ||
      territory !== stored.territory_kode
    ) {
      await deleteSessionsOfUser(trx, id);
    }
    const after = publicUser(updated);
    await recordChange(trx, origin, {
      action: 'update',
      entityType: 'user',
      entityId: id,
      before: publicUser(stored),
      after: { ...after, ...(patch.password !== undefined ? { password_changed: true } : {}) },
    });
    return after;
  });
}

export async function createApiToken(
  knex: Knex,
  origin: ChangeOrigin,
  userId: string,
  input: { name: string; read_only: boolean },
) {
  const token = newSecret('tpk_');
  return knex.transaction(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user)
      throw new HttpProblem('not-found', { id: `Pengguna ${userId} tidak ada.`, en: `There is no user ${userId}.` });
    const stored = await insertApiToken(trx, {
      user_id: userId,
      name: input.name,
      token_hash: secretHash(token),
      read_only: input.read_only,
    });
    await recordChange(trx, origin, {
      action: 'create',
      entityType: 'api_token',
      entityId: stored.id,
      before: null,
      after: stored,
    });
    return { ...stored, token };
  });
}

export async function revokeToken(knex: Knex, origin: ChangeOrigin, tokenId: string) {
  return knex.transaction(async (trx) => {
    const revoked = await revokeApiToken(trx, tokenId);
    if (!revoked)
      throw new HttpProblem('not-found', { id: `Token ${tokenId} tidak ada.`, en: `There is no token ${tokenId}.` });
    await recordChange(trx, origin, {
      action: 'delete',
      entityType: 'api_token',
      entityId: tokenId,
      before: null,
      after: revoked,
    });
    return revoked;
  });
}

export interface FirstAdminNotice {
  username: string;
  /** Set only when the password was generated: shown once, never stored in clear. */
  generatedPassword: string | null;
  tokenAttached: boolean;
}

const systemOrigin = (route: string): ChangeOrigin => ({
  actor: {
    userId: null,
    username: 'sistem',
    displayName: 'Sistem',
    role: 'admin',
    territoryKode: null,
    via: 'token',
    readOnly: false,
  },
  route,
});

/**
 * At first start (no account yet) creates the admin from TAPAK_ADMIN_USER / TAPAK_ADMIN_PASSWORD, or with a
 * random password to be printed once. TAPAK_ADMIN_TOKEN, when set and unknown, becomes that admin's token.
 */
export async function ensureFirstAdmin(knex: Knex, config: TapakConfig): Promise<FirstAdminNotice | null> {
  let notice: FirstAdminNotice | null = null;
  if ((await countUsers(knex)) === 0) {
    const generatedPassword = config.adminPassword ? null : newSecret().slice(0, 20);
    const password = config.adminPassword ?? generatedPassword ?? '';
    const passwordHash = await hashPassword(password);
    await knex.transaction(async (trx) => {
      // Another instance may create it at the same moment; the unique username decides.
      if ((await countUsers(trx)) > 0) return;
      const user = await insertUser(trx, {
        username: config.adminUsername,
        display_name: 'Administrator',
        role: 'admin',
        territory_kode: null,
        password_hash: passwordHash,
      });
      await recordChange(trx, systemOrigin('first start'), {
        action: 'create',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: publicUser(user),
      });
      notice = { username: user.username, generatedPassword, tokenAttached: false };
    });
  }
  if (config.adminToken && !(await tokenExists(knex, secretHash(config.adminToken)))) {
    const admin = (await findUserByUsername(knex, config.adminUsername)) ?? null;
    const owner = admin?.role === 'admin' ? admin : null;
    const firstAdmin =
      owner ??
      (await knex('users').where({ role: 'admin' }).whereNull('disabled_at').orderBy('created_at').first('id'));
    if (firstAdmin) {
      await knex.transaction(async (trx) => {
        const stored = await insertApiToken(trx, {
          user_id: firstAdmin.id,
          name: 'TAPAK_ADMIN_TOKEN',
          token_hash: secretHash(config.adminToken ?? ''),
          read_only: false,
        });
        await recordChange(trx, systemOrigin('first start'), {
          action: 'create',
          entityType: 'api_token',
          entityId: stored.id,
          before: null,
          after: stored,
        });
      });
      notice = { ...(notice ?? { username: config.adminUsername, generatedPassword: null }), tokenAttached: true };
    }
  }
  return notice;
}
