import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { DateText } from '../components/date-text.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

/** Breaches are recorded within a minute; the indicator asks as often (requesters' answers arrive at once). */
export const NOTIFICATIONS_POLL_MS = 60_000;

/**
 * The technician's notifications: service-level breaches on their tickets or their teams' tickets, and
 * what requesters did on their tickets (replied, reopened, confirmed, rated; fresh diagnostics arrived).
 */
export function NotificationsMenu() {
  const { t } = useTranslation();
  const client = useClient();
  const [open, setOpen] = useState(false);
  const list = useResource('notifications', (signal) => client.helpdesk.notifications(signal), { pollMs: NOTIFICATIONS_POLL_MS });
  const unread = list.data?.unread ?? 0;
  const markAll = async () => {
    await client.helpdesk.markNotificationsRead().catch(() => undefined);
    list.reload();
  };
  const markOne = (id: string) => {
    void client.helpdesk.markNotificationsRead([id]).then(list.reload, () => undefined);
  };
  return (
    <div className="notifications">
      <button type="button" className="btn btn-small" aria-expanded={open} aria-controls="notifications-list" onClick={() => setOpen((o) => !o)}>
        {t('notifications.title')} {unread > 0 && <span className="badge bad">{unread}</span>}
        <span className="visually-hidden">{t('notifications.unread', { count: unread })}</span>
      </button>
      {open && (
        <div id="notifications-list" className="panel small" role="region" aria-label={t('notifications.title')}>
          {(list.data?.items.length ?? 0) === 0 ? (
            <p className="muted">{t('notifications.none')}</p>
          ) : (
            <>
              <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 6 }}>
                {list.data?.items.map((n) => (
                  <li key={n.id} style={n.readAt === null ? { fontWeight: 600 } : undefined}>
                    <Link to={`/tickets/${n.ticket.id}`} onClick={() => markOne(n.id)}>
                      {n.kind === 'sla-breach' ? t(`notifications.breach.${n.target}`, { number: n.ticket.number }) : t(`notifications.requester.${n.kind}`, { number: n.ticket.number })}
                    </Link>{' '}
                    <span className="user-text">{n.ticket.subject}</span>
                    <div className="muted">
                      {n.kind === 'sla-breach' ? (
                        <>
                          {t('notifications.wasDue')} <DateText iso={n.dueAt} />
                        </>
                      ) : (
                        <DateText iso={n.createdAt} relative />
                      )}
                    </div>
                  </li>
                ))}
              </ul>
              {unread > 0 && (
                <button type="button" className="btn btn-small" onClick={() => void markAll()}>
                  {t('notifications.markAllRead')}
                </button>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
