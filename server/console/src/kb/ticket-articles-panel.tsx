import type { TicketDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useResource } from '../hooks/use-resource.js';
import { preferredText } from './article-title.js';
import { useKbClient } from './kb-client-hook.js';

/** The ticket's linked articles, and for a resolved ticket the way to turn its answer into one. */
export function TicketArticlesPanel({ detail }: { readonly detail: TicketDetail }) {
  const { t, i18n } = useTranslation();
  const kb = useKbClient();
  const id = detail.ticket.id;
  // Keyed by message count: inserting an article into a reply links it, and the reply reloads the ticket.
  const res = useResource(`kb:ticket:${id}:${detail.ticket.messageCount}`, (signal) => kb.ticketArticles(id, signal));
  const resolved = detail.ticket.status === 'resolved' || detail.ticket.status === 'closed';
  return (
    <section className="panel" aria-labelledby="ticket-articles-title">
      <h2 id="ticket-articles-title">{t('kb.ticketArticles')}</h2>
      {(res.data?.items.length ?? 0) === 0 ? (
        <p className="muted small">{t('kb.noTicketArticles')}</p>
      ) : (
        <ul className="plain-list">
          {res.data?.items.map((a) => (
            <li key={a.id}>
              <Link to={`/kb/articles/${a.id}`} className="user-text">
                {preferredText(a.texts, i18n.language)?.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {resolved && (
        <Link className="btn" to={`/kb/new?fromTicket=${encodeURIComponent(id)}`}>
          {t('kb.fromTicket')}
        </Link>
      )}
    </section>
  );
}
