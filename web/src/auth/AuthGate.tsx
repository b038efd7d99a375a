import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { LoginDialog } from './LoginDialog.tsx';
import { LoginScreen } from './LoginScreen.tsx';
import { useSession } from './session.tsx';
import './auth.css';

/**
 * Nothing of the app (which loads data at once) mounts before the session is known. Without a user and
 * without public read the login screen is the page; otherwise the app, with the login dialog over it when
 * asked for or when the session expired.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  const { state } = session;
  if (state.status === 'loading') {
    return (
      <main className="login-page" aria-busy="true">
        <p className="login-status">{t.auth.checking}</p>
      </main>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <main className="login-page">
        <section className="login-card" role="alert">
          <h1 className="login-title">{t.banner.apiUnreachableTitle}</h1>
          <p className="login-intro">{t.banner.apiUnreachableBody}</p>
          <button type="button" className="button button-primary" onClick={session.retry}>
            {t.banner.retry}
          </button>
        </section>
      </main>
    );
  }
  if (!state.info.user && !state.publicRead) return <LoginScreen />;
  return (
    <>
      {children}
      {session.loginOpen && <LoginDialog />}
    </>
  );
}
