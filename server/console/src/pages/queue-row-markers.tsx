import type { TicketSummary } from '@deskside/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Beside a queue row's subject: "requester replied" since a technician last answered, and a channel other than the tray. */
export function QueueRowMarkers({ ticket }: { readonly ticket: TicketSummary }) {
  const { t } = useTranslation();
  return (
    <>
      {ticket.requesterRepliedAt != null && (
        <span className="badge warn" style={{ marginLeft: 6 }}>
          {t('helpdesk.requesterReplied')}
        </span>
      )}
      {ticket.channel !== undefined && ticket.channel !== 'tray' && (
        <span className="badge" style={{ marginLeft: 6 }}>
          {t(`helpdesk.channels.${ticket.channel}`)}
        </span>
      )}
    </>
  );
}

/** The queue's way to record a phone, walk-up or mail request. */
export function NewTicketLink() {
  const { t } = useTranslation();
  return (
    <Link className="btn btn-primary" to="/tickets/new">
      {t('helpdesk.newTicket')}
    </Link>
  );
}
