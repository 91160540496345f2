import type { ConsoleNotification } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';
import { DateText } from './date-text.js';

const POLL_MS = 30_000;

/**
 * The technician's own notifications: a requester replied, reopened, confirmed or rated one of their
 * tickets, or fresh diagnostics arrived. Opening one marks it read.
 */
export function NotificationsBell() {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource('notifications', (signal) => client.notifications(signal), { pollMs: POLL_MS });
  const [open, setOpen] = useState(false);
  const unread = res.data?.unread ?? 0;
  const items = res.data?.items ?? [];

  const markRead = async (ids?: readonly string[]) => {
    await client.markNotificationsRead(ids).catch(() => undefined);
    res.reload();
  };
  const label = (n: ConsoleNotification) => t(`helpdesk.notificationKind.${n.kind}`, { number: n.ticket.number });

  return (
    <div className="notifications">
      <button type="button" aria-expanded={open} onClick={() => setOpen((v) => !v)} aria-label={t('helpdesk.notificationsUnread', { count: unread })}>
        {t('helpdesk.notifications')} {unread > 0 && <span className="badge">{unread}</span>}
      </button>
      {open && (
        <div role="region" aria-label={t('helpdesk.notifications')} className="panel">
          {items.length === 0 ? (
            <p className="small muted">{t('helpdesk.noNotifications')}</p>
          ) : (
            <ul>
              {items.map((n) => (
                <li key={n.id} className={n.readAt === null ? 'unread' : undefined}>
                  <Link
                    to={`/tickets/${n.ticket.id}`}
                    onClick={() => {
                      setOpen(false);
                      if (n.readAt === null) void markRead([n.id]);
                    }}
                  >
                    {n.readAt === null ? <strong>{label(n)}</strong> : label(n)}
                  </Link>{' '}
                  <span className="small muted user-text">{n.ticket.subject}</span> <DateText iso={n.createdAt} relative />
                </li>
              ))}
            </ul>
          )}
          {unread > 0 && (
            <button type="button" onClick={() => void markRead()}>
              {t('helpdesk.markAllRead')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
