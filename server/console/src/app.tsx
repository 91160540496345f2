import type { i18n } from 'i18next';
import { lazy, Suspense, useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';

import type { ConsoleClient } from './api/console-client.js';
import { Layout } from './components/layout.js';
import { Loading } from './components/states.js';
import { ArticlePage, NewArticlePage } from './pages/article-page.js';
import { AssetImportPage } from './pages/asset-import-page.js';
import { DevicePage } from './pages/device-page.js';
import { DevicesPage } from './pages/devices-page.js';
import { KbPage } from './pages/kb-page.js';
import { NewTicketPage } from './pages/new-ticket-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { QueuePage } from './pages/queue-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TicketPage } from './pages/ticket-page.js';
import { SessionProvider, useSession } from './session/session-context.js';

// The chart library is most of the bundle and only the dashboard needs it; admin pages are rarely opened.
const ReportsPage = lazy(() => import('./pages/reports-page.js').then((m) => ({ default: m.ReportsPage })));
const FleetPage = lazy(() => import('./pages/fleet-page.js').then((m) => ({ default: m.FleetPage })));
const AdminPage = lazy(() => import('./pages/admin-page.js').then((m) => ({ default: m.AdminPage })));

function DocumentLanguage() {
  const { i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  return null;
}

function ConsoleRoutes({ role }: { readonly role: 'admin' | 'technician' }) {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<Navigate to="/queue" replace />} />
        <Route path="/queue" element={<QueuePage />} />
        <Route path="/tickets/new" element={<NewTicketPage />} />
        <Route path="/tickets/:id" element={<TicketPage />} />
        <Route path="/devices" element={<DevicesPage />} />
        <Route path="/devices/import" element={<AssetImportPage />} />
        <Route path="/devices/:id" element={<DevicePage />} />
        <Route path="/kb" element={<KbPage />} />
        <Route path="/kb/new" element={<NewArticlePage />} />
        <Route path="/kb/articles/:id" element={<ArticlePage />} />
        <Route path="/fleet" element={<FleetPage />} />
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/admin" element={role === 'admin' ? <AdminPage /> : <NotFoundPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}

function Gate() {
  const { state } = useSession();
  switch (state.kind) {
    case 'checking':
      return <Loading />;
    case 'signed-out':
      return <SignInPage reason={state.reason} />;
    case 'signed-in':
    case 'expired': {
      const t = state.me.technician;
      // Keyed by technician: someone else signing in on this screen starts from a clean slate.
      return (
        <div key={t.id}>
          <div inert={state.kind === 'expired'}>
            <Layout>
              <ConsoleRoutes role={t.role} />
            </Layout>
          </div>
          {state.kind === 'expired' && (
            <div className="signin-overlay">
              <SignInPage reason="expired" username={t.username} />
            </div>
          )}
        </div>
      );
    }
  }
}

/** The console without a router, so the entry point picks BrowserRouter and tests pick MemoryRouter. */
export function ConsoleApp({ client, i18n }: { readonly client: ConsoleClient; readonly i18n: i18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <DocumentLanguage />
      <SessionProvider client={client}>
        <Gate />
      </SessionProvider>
    </I18nextProvider>
  );
}
