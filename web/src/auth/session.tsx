import type { Actor } from '@tapak/core/access/actor';
import type { SessionInfo } from '@tapak/core/contracts/auth';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/client.ts';
import { actorFromSession } from './actor.ts';
import { authApi } from './authApi.ts';
import { rememberCouldRead } from './couldRead.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: ApiError | null }
  | { status: 'ready'; info: SessionInfo; publicRead: boolean };

export type Session = {
  state: SessionState;
  info: SessionInfo | null;
  actor: Actor;
  /** Anonymous reading is allowed (TAPAK_PUBLIC_READ): the app opens without login, read only. */
  publicRead: boolean;
  /**
   * The server answered 401 while we were logged in (idle timeout, logout elsewhere, account disabled). The app
   * stays mounted underneath so an unsaved drawing survives; logging in again lets the planner save it.
   */
  expired: boolean;
  /** The login form is open over the app (anonymous public read chose "Masuk", or the session expired). */
  loginOpen: boolean;
  login: (username: string, password: string) => Promise<SessionInfo>;
  logout: () => Promise<void>;
  openLogin: () => void;
  closeLogin: () => void;
  retry: () => void;
};

const SessionContext = createContext<Session | null>(null);

/** Loads `/api/auth/session` at start, keeps the CSRF token in memory and listens for 401s from the API. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [expired, setExpired] = useState(false);
  const [loginRequested, setLoginRequested] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    void attempt;
    const abort = new AbortController();
    setState({ status: 'loading' });
    Promise.all([authApi.session(abort.signal), authApi.config(abort.signal)])
      .then(([info, config]) => setState({ status: 'ready', info, publicRead: config.public_read }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setState({ status: 'unreachable', error: error instanceof ApiError ? error : null });
      });
    return () => abort.abort();
  }, [attempt]);

  const info = state.status === 'ready' ? state.info : null;
  useEffect(() => setCsrfToken(info?.csrf_token ?? null), [info]);
  useEffect(() => {
    if (state.status === 'ready') rememberCouldRead(state.info.user !== null || state.publicRead);
  }, [state]);

  useEffect(() => {
    onUnauthorized((path) => {
      // A wrong password on the login form is that form's business, not an expired session.
      if (path.startsWith('/api/auth/')) return;
      const current = stateRef.current;
      if (current.status !== 'ready') return;
      rememberCouldRead(false);
      if (current.info.user) setExpired(true);
      else setLoginRequested(true);
    });
    return () => onUnauthorized(null);
  }, []);

  // A tab left open past the idle timeout learns it when it is looked at again, before the planner types into
  // a form that cannot be saved.
  useEffect(() => {
    const onVisible = () => {
      const current = stateRef.current;
      if (document.visibilityState !== 'visible' || current.status !== 'ready' || !current.info.user) return;
      authApi
        .session()
        .then((fresh) => {
          if (!fresh.user) setExpired(true);
        })
        .catch(() => {});
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const fresh = await authApi.login(username, password);
    setCsrfToken(fresh.csrf_token);
    setState((current) => ({
      status: 'ready',
      info: fresh,
      publicRead: current.status === 'ready' ? current.publicRead : false,
    }));
    setExpired(false);
    setLoginRequested(false);
    return fresh;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      // Start over from a clean page: nothing of the previous user's data stays in memory.
      setCsrfToken(null);
      window.location.reload();
    }
  }, []);

  const value = useMemo<Session>(
    () => ({
      state,
      info,
      actor: actorFromSession(info),
      publicRead: state.status === 'ready' && state.publicRead,
      expired,
      loginOpen: expired || loginRequested,
      login,
      logout,
      openLogin: () => setLoginRequested(true),
      closeLogin: () => setLoginRequested(false),
      retry: () => setAttempt((n) => n + 1),
    }),
    [state, info, expired, loginRequested, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
