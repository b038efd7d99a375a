import { parseArgs } from 'node:util';
import { type Actor, type UserRole, userCreateSchema, userRoleSchema } from '@tapak/core';
import type { ChangeOrigin } from '../audit/changeOrigin.ts';
import { newSecret } from '../auth/secrets.ts';
import { openConfiguredDatabase, prepareContext } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import { findUserByUsername, listUsers } from '../repositories/userRepository.ts';
import { changeUser, createApiToken, createUser } from '../users/userService.ts';

/**
 * `npm run user -- <command>`: accounts from the command line, for the server's operator.
 *   add <username> --role <role> [--territory <kode>] [--name "<display name>"] [--password <pw>]
 *   role <username> <role> [--territory <kode>]
 *   reset-password <username> [--password <pw>]
 *   disable <username> | enable <username>
 *   token <username> --name <name> [--write]
 *   list
 * Without --password a random one is generated and printed once. Every change is audited as "cli".
 */
const usage = `Pemakaian / usage: npm run user -- <perintah>
  add <username> --role <admin|perencana|camat|lurah|pemantau> [--territory <kode>] [--name "<nama>"] [--password <sandi>]
  role <username> <peran> [--territory <kode>]
  reset-password <username> [--password <sandi>]
  disable <username> | enable <username>
  token <username> --name <nama token> [--write]
  list`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    role: { type: 'string' },
    territory: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    write: { type: 'boolean' },
  },
});
const [command, username, roleArgument] = positionals;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (!command || !['add', 'role', 'reset-password', 'disable', 'enable', 'token', 'list'].includes(command)) fail(usage);
if (command !== 'list' && !username) fail(usage);

const operator: Actor = {
  userId: null,
  username: `cli:${process.env.USER ?? 'operator'}`,
  displayName: 'Operator (baris perintah)',
  role: 'admin',
  territoryKode: null,
  via: 'token',
  readOnly: false,
};
const origin: ChangeOrigin = { actor: operator, route: `cli user ${command}` };

function parsedRole(value: string | undefined): UserRole {
  const parsed = userRoleSchema.safeParse(value);
  if (!parsed.success) fail(`Peran tidak dikenal / unknown role: ${value ?? '(kosong)'}\n${usage}`);
  return parsed.data;
}

const config = loadConfig();
const db = await openConfiguredDatabase(config, `user command pid ${process.pid}`);
try {
  await prepareContext(db, config);
  const knex = db.knex;
  const existing = username ? await findUserByUsername(knex, username.toLowerCase()) : null;
  if (command !== 'add' && command !== 'list' && !existing) fail(`Pengguna tidak ada / no such user: ${username}`);
  const generated = values.password ? null : newSecret().slice(0, 16);
  switch (command) {
    case 'list':
      for (const user of await listUsers(knex)) {
        console.log(
          [
            user.username,
            user.role,
            user.territory_kode ?? '-',
            user.disabled ? 'nonaktif' : 'aktif',
            user.display_name,
          ].join('\t'),
        );
      }
      break;
    case 'add': {
      const input = userCreateSchema.safeParse({
        username: username ?? '',
        display_name: values.name ?? username ?? '',
        role: parsedRole(values.role),
        territory_kode: values.territory ?? null,
        password: values.password ?? generated ?? '',
      });
      if (!input.success)
        fail(
          `Masukan tidak valid / invalid input:\n${input.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
        );
      const user = await createUser(knex, origin, input.data);
      console.log(
        `dibuat / created: ${user.username} (${user.role}${user.territory_kode ? ` ${user.territory_kode}` : ''})`,
      );
      break;
    }
    case 'role': {
      const user = await changeUser(knex, origin, existing?.id ?? '', {
        role: parsedRole(roleArgument ?? values.role),
        territory_kode: values.territory ?? null,
      });
      console.log(
        `diubah / changed: ${user.username} → ${user.role}${user.territory_kode ? ` ${user.territory_kode}` : ''}`,
      );
      break;
    }
    case 'reset-password':
      await changeUser(knex, origin, existing?.id ?? '', { password: values.password ?? generated ?? '' });
      console.log(`kata sandi diganti / password reset: ${existing?.username}`);
      break;
    case 'disable':
    case 'enable':
      await changeUser(knex, origin, existing?.id ?? '', { disabled: command === 'disable' });
      console.log(
        `${command === 'disable' ? 'dinonaktifkan / disabled' : 'diaktifkan / enabled'}: ${existing?.username}`,
      );
      break;
    case 'token': {
      if (!values.name) fail(`Sebutkan --name untuk token / give the token a --name\n${usage}`);
      const token = await createApiToken(knex, origin, existing?.id ?? '', {
        name: values.name,
        read_only: !values.write,
      });
      console.log(
        `token (${token.read_only ? 'hanya baca / read only' : 'baca-tulis / read-write'}), simpan sekarang / keep it now:`,
      );
      console.log(token.token);
      break;
    }
  }
  if (generated && (command === 'add' || command === 'reset-password')) {
    console.log(`kata sandi / password (ditampilkan sekali / shown once): ${generated}`);
  }
} catch (error) {
  if (error instanceof HttpProblem) fail(`${error.detail.id}\n${error.detail.en}`);
  throw error;
} finally {
  await db.close();
}
