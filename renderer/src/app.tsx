import type { TrayStatus, View } from '@deskside/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';


import { request, subscribe } from './bridge';
import { hashOf, useRoute } from './routing';
import { AboutView } from './views/about/about-view';
import { DeviceView } from './views/device/device-view';
import { HelpView } from './views/help/help-view';
import { ReportView } from './views/report/report-view';
import { SettingsView } from './views/settings/settings-view';
import { TicketsView } from './views/tickets/tickets-view';

const NAV: readonly View[] = ['report', 'tickets', 'help', 'device', 'settings', 'about'];

/** The window: a navigation list on the left, the current view on the right. */
export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const [status, setStatus] = useState<TrayStatus | null>(null);
  useEffect(() => {
    void request('status:get')
      .then(setStatus)
      .catch(() => undefined);
    return subscribe('status:changed', setStatus);
  }, []);
  useEffect(() => {
    document.title = `${t(`app.nav.${route.view}`)} — ${t('app.name')}`;
  }, [route.view, t]);

  return (
    <div className="shell">
      <nav aria-label={t('app.nav.label')} className="sidebar">
        <p className="brand" aria-hidden="true">
          {t('app.name')}
        </p>
        <ul>
          {NAV.map((view) => (
            <li key={view}>
              <a href={hashOf({ view })} aria-current={route.view === view ? 'page' : undefined}>
                {t(`app.nav.${view}`)}
                {view === 'tickets' && (status?.unreadTickets ?? 0) > 0 ? (
                  <span className="badge">{t('tickets.unread', { count: status?.unreadTickets ?? 0 })}</span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
        {status && !status.online ? (
          <p className="sidebar-status" role="status">
            {t('app.offlineBanner')}
          </p>
        ) : null}
      </nav>
      <main className="content" id="content">
        {route.view === 'report' ? <ReportView key="report" /> : null}
        {route.view === 'tickets' ? <TicketsView key="tickets" ticketId={route.ticketId ?? null} /> : null}
        {route.view === 'help' ? <HelpView key="help" articleId={route.articleId ?? null} /> : null}
        {route.view === 'device' ? <DeviceView key="device" /> : null}
        {route.view === 'settings' ? <SettingsView key="settings" /> : null}
        {route.view === 'about' ? <AboutView key="about" /> : null}
      </main>
    </div>
  );
}
