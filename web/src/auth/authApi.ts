import type { SessionInfo } from '@tapak/core/contracts/auth';
import { send } from '../api/client.ts';

export const authApi = {
  session: async (signal?: AbortSignal) => (await send('GET', '/api/auth/session', { signal })).data as SessionInfo,
  config: async (signal?: AbortSignal) =>
    (await send('GET', '/api/auth/config', { signal })).data as { public_read: boolean },
  login: async (username: string, password: string) =>
    (await send('POST', '/api/auth/login', { body: { username, password } })).data as SessionInfo,
  logout: async () => {
    await send('POST', '/api/auth/logout');
  },
};
