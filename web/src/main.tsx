import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { sendEarly } from './api/client.ts';
import { AuthGate } from './auth/AuthGate.tsx';
import { couldReadLastTime } from './auth/couldRead.ts';
import { SessionProvider } from './auth/session.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { regionListingQuery } from './state/useParcels.ts';
import './styles.css';

// Who is signed in, then (when this browser could read last time) what the map draws first, in the order the
// map needs it; the coverage reasons wait until the map is ready (App), so they never hold these up.
sendEarly([
  '/api/auth/session',
  '/api/auth/config',
  ...(couldReadLastTime()
    ? ['/api/kelurahan', `/api/parcels/map.geojson?${regionListingQuery()}`, '/api/layers', '/api/health']
    : []),
]);

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
