import { TICKET_STATUSES, type TicketStatus, type TicketSummary } from '@deskside/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Field } from '../components/field.js';
import { describeError } from '../components/states.js';
import { useClient } from '../session/session-context.js';
import { useTechnicianOptions } from './use-technician-options.js';

/** Which queue rows are ticked for a bulk change; cleared when the page of tickets changes. */
export function useBulkSelection(items: readonly TicketSummary[]) {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const visible = new Set(items.map((i) => i.id));
  const selected = new Set([...ids].filter((id) => visible.has(id)));
  const toggle = (id: string, on: boolean) =>
    setIds((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toggleAll = (on: boolean) => setIds(on ? visible : new Set());
  return { selected, toggle, toggleAll, clear: () => setIds(new Set()) };
}

export function BulkCheckbox({ ticket, checked, onChange }: { readonly ticket: TicketSummary; readonly checked: boolean; readonly onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <td onClick={(e) => e.stopPropagation()}>
      <input type="checkbox" checked={checked} aria-label={t('helpdesk.selectTicket', { number: ticket.number })} onChange={(e) => onChange(e.target.checked)} />
    </td>
  );
}

/** One status and/or assignee for every ticked ticket. */
export function QueueBulkBar({ selected, onDone }: { readonly selected: ReadonlySet<string>; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const technicians = useTechnicianOptions();
  const [status, setStatus] = useState<TicketStatus | ''>('');
  const [assignee, setAssignee] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (selected.size === 0) return message === null ? null : <p role="status">{message}</p>;

  const apply = async () => {
    setError(null);
    try {
      const result = await client.bulkUpdateTickets({
        ids: [...selected],
        ...(status === '' ? {} : { status }),
        ...(assignee === '' ? {} : { assigneeId: assignee === 'none' ? null : assignee }),
      });
      setMessage(t('helpdesk.bulkDone', { count: result.updated }));
      setStatus('');
      setAssignee('');
      onDone();
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  return (
    <div className="row panel" role="group" aria-label={t('helpdesk.selected', { count: selected.size })}>
      <strong>{t('helpdesk.selected', { count: selected.size })}</strong>
      <Field label={t('helpdesk.bulkStatus')}>
        <select value={status} onChange={(e) => setStatus(e.target.value as TicketStatus | '')}>
          <option value="">{t('helpdesk.unchanged')}</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('helpdesk.bulkAssignee')}>
        <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
          <option value="">{t('helpdesk.unchanged')}</option>
          <option value="none">{t('helpdesk.nobody')}</option>
          {technicians.map((o) => (
            <option key={o.id} value={o.id}>
              {o.displayName}
            </option>
          ))}
        </select>
      </Field>
      <button type="button" className="btn btn-primary" disabled={status === '' && assignee === ''} onClick={() => void apply()}>
        {t('helpdesk.apply')}
      </button>
      {error !== null && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
