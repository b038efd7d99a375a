import type { PublicUser, UserCreate, UserPatch } from '@tapak/core/contracts/auth';
import { send } from '../api/client.ts';

export type ApiToken = {
  id: string;
  user_id: string;
  name: string;
  read_only: boolean;
  created_at: string;
  last_used_at: string | null;
  revoked: boolean;
};
/** The secret is in this answer only; the server keeps its hash. */
export type ApiTokenCreated = ApiToken & { token: string };

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const usersApi = {
  list: async (signal?: AbortSignal) =>
    ((await send('GET', '/api/users', { signal })).data as { users: PublicUser[] }).users,
  create: async (body: UserCreate) => (await send('POST', '/api/users', { body })).data as PublicUser,
  update: async (id: string, body: UserPatch) => (await send('PATCH', userPath(id), { body })).data as PublicUser,
  tokens: async (id: string, signal?: AbortSignal) =>
    ((await send('GET', `${userPath(id)}/tokens`, { signal })).data as { tokens: ApiToken[] }).tokens,
  createToken: async (id: string, body: { name: string; read_only: boolean }) =>
    (await send('POST', `${userPath(id)}/tokens`, { body })).data as ApiTokenCreated,
  revokeToken: async (tokenId: string) =>
    (await send('DELETE', `/api/tokens/${encodeURIComponent(tokenId)}`)).data as ApiToken,
};
