import type { TicketList } from '@deskside/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';


import { request, subscribe } from '../../bridge';
import { ErrorBox } from '../../components/error-box';
import { ViewHeading } from '../../components/view-heading';
import { formatDateTime } from '../../format';
import { hashOf } from '../../routing';
import { useRequest } from '../../use-request';
import { TicketDetail } from './ticket-detail';

/** My tickets: the list with status and unread replies, or one ticket's conversation. */
export function TicketsView({ ticketId }: { ticketId: string | null }) {
  const { t, i18n } = useTranslation();
  const [list, reload, setList] = useRequest('tickets:list');
  const [refreshing, setRefreshing] = useState(false);
  useEffect(() => subscribe('tickets:changed', setList), [setList]);

  if (list.state === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (list.state === 'failed') return <ErrorBox message={list.message} onRetry={() => void reload()} />;
  const value: TicketList = list.value;
  const selected = ticketId ? value.tickets.find((x) => x.ticket.id === ticketId) : undefined;
  if (selected) return <TicketDetail summary={selected} onList={setList} />;

  return (
    <div className="view">
      <ViewHeading>{t('tickets.title')}</ViewHeading>
      <div className="toolbar">
        <button
          type="button"
          disabled={refreshing}
          onClick={() => {
            setRefreshing(true);
            void reload().finally(() => setRefreshing(false));
          }}
        >
          {t('tickets.refresh')}
        </button>
        {value.fetchedAt ? <span className="hint">{t('tickets.lastFetched', { when: formatDateTime(value.fetchedAt, i18n.language) })}</span> : null}
      </div>
      {!value.online ? <p className="notice notice-warn">{t('app.offlineBanner')}</p> : null}
      {value.pending.length > 0 ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">{t('tickets.pending')}</h2>
          <p className="hint">{t('tickets.pendingNote')}</p>
          <ul className="ticket-list">
            {value.pending.map((p) => (
              <li key={p.id} className="ticket-row">
                <span className="ticket-subject">{p.subject}</span>
                <span className="hint">{formatDateTime(p.createdAt, i18n.language)}</span>
                {p.refused ? <span className="field-error">{t('tickets.refused', { message: p.refused })}</span> : null}
              </li>
            ))}
          </ul>
          {value.pending.some((p) => p.refused) ? (
            <button
              type="button"
              disabled={refreshing}
              onClick={() => {
                setRefreshing(true);
                void request('tickets:retry')
                  .then(setList)
                  .catch(() => undefined)
                  .finally(() => setRefreshing(false));
              }}
            >
              {t('tickets.retry')}
            </button>
          ) : null}
        </section>
      ) : null}
      {value.tickets.length === 0 && value.pending.length === 0 ? <p>{t('tickets.empty')}</p> : null}
      <ul className="ticket-list" aria-label={t('tickets.title')}>
        {value.tickets.map(({ ticket, unread }) => (
          <li key={ticket.id} className="ticket-row">
            <a href={hashOf({ view: 'tickets', ticketId: ticket.id })}>
              <span className="ticket-number">{t('tickets.number', { number: ticket.number })}</span>
              <span className="ticket-subject">{ticket.subject}</span>
            </a>
            <span className={`pill pill-${ticket.status}`}>{t(`tickets.status.${ticket.status}`)}</span>
            {unread > 0 ? <span className="badge">{t('tickets.unread', { count: unread })}</span> : null}
            <span className="hint">{t('tickets.updated', { when: formatDateTime(ticket.updatedAt, i18n.language) })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export async function markRead(ticketId: string, onList: (l: TicketList) => void): Promise<void> {
  onList(await request('tickets:mark-read', ticketId));
}
