import type { TicketDetail } from '@deskside/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { PriorityBadge, StatusBadge } from '../components/badges.js';
import { AgeText } from '../components/date-text.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { RemoteAccessPanel } from '../device/remote-access-panel.js';
import { DiagnosticsView } from '../diagnostics/diagnostics-view.js';
import { TicketDeviceBadges } from '../helpdesk/ticket-device-badges.js';
import { TicketServicePanel } from '../helpdesk/ticket-service-panel.js';
import { useResource } from '../hooks/use-resource.js';
import { TicketArticlesPanel } from '../kb/ticket-articles-panel.js';
import { useClient } from '../session/session-context.js';
import { TicketAttachments } from './ticket-attachments.js';
import { ActivityLog, Conversation, ReplyForm } from './ticket-conversation.js';
import { TicketFreshDiagnostics } from './ticket-fresh-diagnostics.js';
import { ContactPanel, TicketProperties } from './ticket-properties.js';
import { TicketRelationsPanel } from './ticket-relations.js';
import { TicketRemoteLinksPanel } from './ticket-remote-links.js';

/** Technician ids in the activity log shown as names, from what the ticket itself knows. */
function technicianNames(detail: TicketDetail): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const m of detail.messages) if (m.technicianId !== null && m.authorName !== null) names.set(m.technicianId, m.authorName);
  for (const a of detail.activity) if (a.actor.kind === 'technician' && a.actor.id !== null && a.actor.name !== null) names.set(a.actor.id, a.actor.name);
  if (detail.ticket.assignee) names.set(detail.ticket.assignee.id, detail.ticket.assignee.displayName);
  return names;
}

/** Replies from the tray arrive while a technician reads; a slower poll than the queue is enough. */
const TICKET_POLL_MS = 20_000;

export function TicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useClient();
  const res = useResource(`ticket:${id}`, (signal) => client.ticket(id, signal), { pollMs: TICKET_POLL_MS });

  if (res.state === 'loading') return <Loading />;
  if (res.data === undefined) return <ErrorState error={res.error} onRetry={res.reload} back={{ to: '/queue', label: t('nav.queue') }} />;
  const detail = res.data;
  const ticket = detail.ticket;

  return (
    <>
      <div className="page-head">
        <Link to="/queue">← {t('nav.queue')}</Link>
        <h1>
          <span className="muted">#{ticket.number}</span> <span className="user-text">{ticket.subject}</span>
        </h1>
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} overridden={ticket.priorityOverridden} />
        <span className="small muted">
          {t('ticket.age')} <AgeText iso={ticket.createdAt} />
        </span>
        {res.refreshing && <span className="spinner" aria-hidden="true" />}
      </div>
      {/* A ticket may come without a device (filed by e-mail or by a technician): then there is nothing to show. */}
      <TicketDeviceBadges deviceId={(ticket.device as { readonly id: string } | null)?.id ?? null} />
      {res.state === 'error' && (
        <div className="notice" role="alert">
          {t('ticket.refreshFailed')}
        </div>
      )}
      <div className="ticket-layout">
        <div>
          <section className="panel" aria-labelledby="description-title">
            <h2 id="description-title">{t('ticket.description')}</h2>
            {detail.description === '' ? <p className="muted">{t('ticket.noDescription')}</p> : <p className="user-text" lang={detail.locale ?? undefined}>{detail.description}</p>}
          </section>

          <Conversation detail={detail} />
          <ReplyForm detail={detail} onSent={res.reload} />
          <TicketAttachments attachments={detail.attachments.filter((a) => a.messageId == null)} />
          {/* Diagnostics support the conversation, so they follow it: at a glance first, each item folded. */}
          {detail.diagnostics === null ? <EmptyState>{t('diagnostics.none')}</EmptyState> : <DiagnosticsView diagnostics={detail.diagnostics} />}
          <TicketFreshDiagnostics ticketId={ticket.id} />
        </div>
        <div>
          <TicketProperties detail={detail} onChanged={res.reload} />
          <TicketServicePanel detail={detail} onChanged={res.reload} />
          <TicketRelationsPanel ticketId={ticket.id} onChanged={res.reload} />
          <TicketRemoteLinksPanel ticketId={ticket.id} />
          <ContactPanel detail={detail} />
          {detail.remoteAccess && <RemoteAccessPanel data={detail.remoteAccess.data} collectedAt={detail.remoteAccess.collectedAt} />}
          <TicketArticlesPanel detail={detail} />
          <ActivityLog entries={detail.activity} names={technicianNames(detail)} />
        </div>
      </div>
    </>
  );
}
