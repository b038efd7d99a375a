import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { AuthGate } from './auth/AuthGate.tsx';
import { SessionProvider } from './auth/session.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <AuthGate>
          <App />
        </AuthGate>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
