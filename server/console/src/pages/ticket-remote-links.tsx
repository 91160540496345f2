import type { RemoteTicketLink } from '@deskside/shared';
import { useTranslation } from 'react-i18next';

import { DateText } from '../components/date-text.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

/** Only web addresses become links: a remote system's answer never turns into a javascript: URL here. */
const webUrl = (url: string | null): string | null => (url !== null && /^https?:\/\//i.test(url) ? url : null);

function RemoteLink({ link }: { readonly link: RemoteTicketLink }) {
  const { t } = useTranslation();
  const href = webUrl(link.remoteUrl);
  const label = link.remoteNumber ?? link.remoteId;
  return (
    <li>
      <strong>{link.connectorName}</strong> <span className="muted small">{t(`connectors.kind.${link.kind}`)}</span>{' '}
      {link.state === 'linked' && label !== null ? (
        href !== null ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {label}
          </a>
        ) : (
          <span className="mono">{label}</span>
        )
      ) : (
        <span className={`badge ${link.state === 'failed' ? 'bad' : ''}`}>{t(`connectors.linkState.${link.state}`)}</span>
      )}
      {link.lastError !== null && link.state !== 'linked' && <div className="small inline-error">{link.lastError}</div>}
      <div className="small muted">
        <DateText iso={link.updatedAt} relative />
      </div>
    </li>
  );
}

/** The ticket's twins in other helpdesks (GLPI, Zammad, Jira Service Management); nothing when none is connected. */
export function TicketRemoteLinksPanel({ ticketId }: { readonly ticketId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource(`remote-links:${ticketId}`, (signal) => client.integrations.remoteLinks(ticketId, signal));
  const items = res.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="remote-links-title">
      <h2 id="remote-links-title">{t('connectors.onTicket')}</h2>
      <ul>
        {items.map((l) => (
          <RemoteLink key={l.connectorId} link={l} />
        ))}
      </ul>
    </section>
  );
}
