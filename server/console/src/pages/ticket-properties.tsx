import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketDetail, type TicketStatus, type TicketUpdateRequest } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { PriorityBadge } from '../components/badges.js';
import { DateText } from '../components/date-text.js';
import { Field } from '../components/field.js';
import { describeError } from '../components/states.js';
import { useTeams } from '../helpdesk/use-teams.js';
import { useClient, useTechnician } from '../session/session-context.js';
import { useTechnicianOptions } from './use-technician-options.js';

/** Status, assignee and priority: each change is saved at once and the page reloads the ticket. */
export function TicketProperties({ detail, onChanged }: { readonly detail: TicketDetail; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const me = useTechnician();
  const technicians = useTechnicianOptions();
  const teams = useTeams();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ticket = detail.ticket;

  const save = async (patch: TicketUpdateRequest) => {
    setSaving(true);
    setError(null);
    try {
      await client.updateTicket(ticket.id, patch);
      onChanged();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setSaving(false);
    }
  };

  // A ticket with a team is assigned within it (the server refuses anyone else, and says why).
  const team = teams.find((x) => x.id === ticket.team?.id);
  const assigneeOptions = team === undefined ? [...technicians] : [...team.members];
  if (ticket.assignee && !assigneeOptions.some((o) => o.id === ticket.assignee?.id)) assigneeOptions.push(ticket.assignee);
  if (team === undefined && !assigneeOptions.some((o) => o.id === me.id)) assigneeOptions.unshift({ id: me.id, displayName: me.displayName });

  return (
    <section className="panel" aria-labelledby="props-title">
      <h2 id="props-title">{t('ticket.properties')}</h2>
      <div style={{ display: 'grid', gap: 10 }}>
        <Field label={t('ticket.status')}>
          <select value={ticket.status} disabled={saving} onChange={(e) => void save({ status: e.target.value as TicketStatus })}>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('ticket.assignee')}>
          <select value={ticket.assignee?.id ?? ''} disabled={saving} onChange={(e) => void save({ assigneeId: e.target.value === '' ? null : e.target.value })}>
            <option value="">{t('queue.unassigned')}</option>
            {assigneeOptions.map((o) => (
              <option key={o.id} value={o.id}>
                {o.displayName}
                {o.id === me.id ? ` (${t('ticket.me')})` : ''}
              </option>
            ))}
          </select>
        </Field>
        {ticket.assignee?.id !== me.id && (team === undefined || team.members.some((m) => m.id === me.id)) && (
          <button type="button" className="btn btn-small" disabled={saving} onClick={() => void save({ assigneeId: me.id })}>
            {t('ticket.assignToMe')}
          </button>
        )}
        <Field label={t('ticket.priority')}>
          <select
            value={ticket.priorityOverridden ? ticket.priority : ''}
            disabled={saving}
            onChange={(e) => void save({ priorityOverride: e.target.value === '' ? null : (e.target.value as Priority) })}
          >
            <option value="">{t('ticket.priorityComputed', { priority: t(`priority.${ticket.computedPriority}`) })}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <div className="small muted">
          {t('ticket.urgencyImpact', { urgency: t(`urgency.${ticket.urgency}`), impact: t(`impact.${ticket.impact}`) })} →{' '}
          <PriorityBadge priority={ticket.computedPriority} />
        </div>
        {error !== null && (
          <div className="inline-error" role="alert">
            {error}
          </div>
        )}
      </div>
      <hr style={{ border: 'none', borderTop: '1px solid var(--line)', margin: '12px 0' }} />
      <dl className="kv">
        <dt>{t('ticket.device')}</dt>
        <dd>
          {ticket.device === null ? <span className="muted">{t('ticket.noDevice')}</span> : <Link to={`/devices/${ticket.device.id}`}>{ticket.device.hostname}</Link>}
        </dd>
        <dt>{t('ticket.category')}</dt>
        <dd>{t(`category.${ticket.category}`)}</dd>
        <dt>{t('ticket.submitted')}</dt>
        <dd>
          <DateText iso={detail.submittedAt} />
        </dd>
        <dt>{t('ticket.received')}</dt>
        <dd>
          <DateText iso={ticket.createdAt} />
        </dd>
        <dt>{t('ticket.updated')}</dt>
        <dd>
          <DateText iso={ticket.updatedAt} relative />
        </dd>
        {detail.locale !== null && (
          <>
            <dt>{t('ticket.userLanguage')}</dt>
            <dd>{detail.locale}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function ContactPanel({ detail }: { readonly detail: TicketDetail }) {
  const { t } = useTranslation();
  const c = detail.contact;
  const none = c.name === null && c.email === null && c.phone === null;
  return (
    <section className="panel" aria-labelledby="contact-title">
      <h2 id="contact-title">{t('ticket.contact')}</h2>
      {none && detail.ticket.requester === null && detail.requesterAccount === null ? (
        <p className="muted">{t('ticket.noContact')}</p>
      ) : (
        <dl className="kv">
          {detail.ticket.requester !== null && detail.ticket.requester !== c.name && (
            <>
              <dt>{t('ticket.requester')}</dt>
              <dd>{detail.ticket.requester}</dd>
            </>
          )}
          {detail.requesterAccount !== null && (
            <>
              <dt>{t('ticket.account')}</dt>
              <dd title={t('ticket.accountHint')}>
                {detail.requesterAccount.name}
                {/* A technician names the account without its uid or SID: show the id only when known. */}
                {detail.requesterAccount.id !== null && <span className="muted"> ({detail.requesterAccount.id})</span>}
              </dd>
            </>
          )}
          <dt>{t('ticket.name')}</dt>
          <dd>{c.name ?? '—'}</dd>
          <dt>{t('ticket.email')}</dt>
          <dd>{c.email !== null ? <a href={`mailto:${encodeURIComponent(c.email).replace(/%40/g, '@')}`}>{c.email}</a> : '—'}</dd>
          <dt>{t('ticket.phone')}</dt>
          <dd>{c.phone !== null ? <a href={`tel:${c.phone.replace(/[^0-9+]/g, '')}`}>{c.phone}</a> : '—'}</dd>
        </dl>
      )}
    </section>
  );
}
