import { kelurahanWriteRefusal } from '@tapak/core/access/territory';
import type { SessionInfo } from '@tapak/core/contracts/auth';
import { describe, expect, it } from 'vitest';
import { actorFromSession, refusalText } from '../src/auth/actor.ts';

const lurahUser: NonNullable<SessionInfo['user']> = {
  id: '6f1c2b8e-0000-4000-8000-000000000001',
  username: 'lurah.margahayu',
  display_name: 'Lurah Margahayu',
  role: 'lurah',
  territory_kode: '32.75.01.1001',
  disabled: false,
  created_at: '2025-01-01T00:00:00.000Z',
};
const lurah: SessionInfo = {
  user: lurahUser,
  via: 'session',
  csrf_token: 'csrf',
  read_only: false,
  idle_timeout_minutes: 120,
};

describe('actorFromSession', () => {
  it('is anonymous without a session, without a user, or for a disabled account', () => {
    expect(actorFromSession(null).role).toBeNull();
    expect(actorFromSession({ ...lurah, user: null, via: 'anonymous', read_only: true }).role).toBeNull();
    expect(actorFromSession({ ...lurah, user: { ...lurahUser, disabled: true } }).role).toBeNull();
  });

  it('carries role and territory, so the core rules answer as the server does', () => {
    const actor = actorFromSession(lurah);
    expect(actor).toMatchObject({ role: 'lurah', territoryKode: '32.75.01.1001', via: 'session', readOnly: false });
    expect(kelurahanWriteRefusal(actor, '32.75.01.1001')).toBeNull();
    expect(kelurahanWriteRefusal(actor, '32.75.02.1002')?.reason).toBe('outside_territory');
  });

  it('keeps a read-only token read only whatever its role', () => {
    const actor = actorFromSession({ ...lurah, via: 'token', read_only: true });
    expect(actor.readOnly).toBe(true);
    expect(kelurahanWriteRefusal(actor, '32.75.01.1001')?.reason).toBe('read_only_token');
  });

  it('a pemantau session is refused writes by role', () => {
    const actor = actorFromSession({ ...lurah, user: { ...lurahUser, role: 'pemantau', territory_kode: null } });
    expect(kelurahanWriteRefusal(actor, '32.75.01.1001')?.reason).toBe('read_only_role');
  });
});

describe('refusalText', () => {
  it('speaks the UI language and is null when allowed', () => {
    const refusal = kelurahanWriteRefusal(actorFromSession(lurah), '32.75.02.1002');
    expect(refusalText(refusal, 'id')).toContain('di luar wilayah kerja Anda');
    expect(refusalText(refusal, 'en')).toContain('outside your territory');
    expect(refusalText(null, 'id')).toBeNull();
  });
});
