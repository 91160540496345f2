import { LIMITS, type MyTicket, type ReplyResult, type TicketList } from '@deskside/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { request } from '../../bridge';
import { ErrorBox } from '../../components/error-box';
import { ViewHeading } from '../../components/view-heading';
import { formatDateTime } from '../../format';
import { hashOf } from '../../routing';
import { TicketFiles } from './ticket-files';
import { TicketLoopPanel } from './ticket-loop-panel';

/** One ticket: status, the public conversation with IT, and a reply box. Opening it marks replies read. */
export function TicketDetail({ summary, onList }: { summary: MyTicket; onList: (l: TicketList) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { ticket } = summary;
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<ReplyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (summary.unread > 0) void request('tickets:mark-read', ticket.id).then(onList).catch(() => undefined);
  }, [summary.unread, ticket.id, onList]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (body.trim() === '') return;
    setSending(true);
    setError(null);
    try {
      const r = await request('tickets:reply', ticket.id, body);
      setOutcome(r);
      setBody('');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="view">
      <p>
        <a href={hashOf({ view: 'tickets' })}>← {t('tickets.back')}</a>
      </p>
      <ViewHeading>
        {t('tickets.number', { number: ticket.number })}: {ticket.subject}
      </ViewHeading>
      <p>
        <span className={`pill pill-${ticket.status}`}>{t(`tickets.status.${ticket.status}`)}</span>{' '}
        <span className="hint">{t('tickets.updated', { when: formatDateTime(ticket.updatedAt, i18n.language) })}</span>
      </p>
      {ticket.description !== undefined && ticket.description !== '' ? (
        <section className="message message-user" aria-label={t('tickets.youWrote')}>
          <p className="message-meta">
            <strong>{t('tickets.youWrote')}</strong> <span className="hint">{formatDateTime(ticket.createdAt, i18n.language)}</span>
          </p>
          <p className="message-body">{ticket.description}</p>
          <TicketFiles ticketId={ticket.id} files={ticket.attachments ?? []} />
        </section>
      ) : (
        <TicketFiles ticketId={ticket.id} files={ticket.attachments ?? []} />
      )}
      <ol className="conversation" aria-label={t('tickets.title')}>
        {ticket.messages.map((m) => (
          <li key={m.id} className={`message message-${m.author}`}>
            <p className="message-meta">
              <strong>{m.author === 'technician' ? (m.authorName ?? t('tickets.technician')) : t('tickets.you')}</strong>{' '}
              <span className="hint">{formatDateTime(m.createdAt, i18n.language)}</span>
            </p>
            <p className="message-body">{m.body}</p>
            <TicketFiles ticketId={ticket.id} files={m.attachments ?? []} />
          </li>
        ))}
      </ol>
      <TicketLoopPanel ticket={ticket} />
      <form onSubmit={(e) => void send(e)} className="reply">
        <label htmlFor={`${id}-reply`}>{t('tickets.reply')}</label>
        <textarea id={`${id}-reply`} rows={4} value={body} maxLength={LIMITS.longText} onChange={(e) => setBody(e.target.value)} />
        <div className="actions">
          <button type="submit" className="primary" disabled={sending || body.trim() === ''}>
            {t('tickets.send')}
          </button>
        </div>
        <p role="status" aria-live="polite">
          {outcome?.outcome === 'sent' ? t('tickets.replySent') : outcome?.outcome === 'queued' ? t('tickets.replyQueued') : null}
        </p>
        {outcome?.outcome === 'refused' ? <ErrorBox message={t('tickets.replyRefused', { message: outcome.message })} /> : null}
        {error ? <ErrorBox message={error} /> : null}
      </form>
    </div>
  );
}
