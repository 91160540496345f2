import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { PriorityBadge, StatusBadge } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

export function TicketsTab({ deviceId, hostname }: { readonly deviceId: string; readonly hostname: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource(`device-tickets:${deviceId}`, (signal) => client.tickets({ deviceId, sort: 'created', order: 'desc', pageSize: 100 }, signal));
  return (
    <section className="panel" aria-labelledby="device-tickets-title">
      <div className="panel-head">
        <h2 id="device-tickets-title">{t('device.tabs.tickets')}</h2>
        <span className="spacer" />
        <Link to={`/queue?status=all&device=${deviceId}&deviceName=${encodeURIComponent(hostname)}`}>{t('device.openInQueue')}</Link>
      </div>
      {res.state === 'loading' && <Loading />}
      {res.state === 'error' && <ErrorState error={res.error} onRetry={res.reload} />}
      {res.state === 'ready' && res.data.items.length === 0 && <EmptyState>{t('device.noTickets')}</EmptyState>}
      {res.state === 'ready' && res.data.items.length > 0 && (
        <table className="data compact">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>{t('queue.subject')}</th>
              <th>{t('queue.status')}</th>
              <th>{t('queue.priority')}</th>
              <th>{t('ticket.received')}</th>
            </tr>
          </thead>
          <tbody>
            {res.data.items.map((ticket) => (
              <tr key={ticket.id}>
                <td className="num">{ticket.number}</td>
                <td>
                  <Link to={`/tickets/${ticket.id}`}>{ticket.subject}</Link>
                </td>
                <td>
                  <StatusBadge status={ticket.status} />
                </td>
                <td>
                  <PriorityBadge priority={ticket.priority} />
                </td>
                <td>
                  <DateText iso={ticket.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
