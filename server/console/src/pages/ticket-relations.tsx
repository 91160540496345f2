import type { TicketRef } from '@deskside/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { StatusBadge } from '../components/badges.js';
import { Field } from '../components/field.js';
import { describeError } from '../components/states.js';
import { useResource } from '../hooks/use-resource.js';
import { useClient } from '../session/session-context.js';

function RefList({ refs }: { readonly refs: readonly TicketRef[] }) {
  return (
    <ul>
      {refs.map((r) => (
        <li key={r.id}>
          <Link to={`/tickets/${r.id}`}>
            #{r.number} <span className="user-text">{r.subject}</span>
          </Link>{' '}
          <StatusBadge status={r.status} />
        </li>
      ))}
    </ul>
  );
}

/** A ticket number typed by the technician, and what to do with the ticket it names. */
function NumberAction({ label, button, onTicket }: { readonly label: string; readonly button: string; readonly onTicket: (id: string) => Promise<void> }) {
  const { t } = useTranslation();
  const client = useClient();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const number = Number(text.replace('#', '').trim());
    if (!Number.isSafeInteger(number) || number <= 0) return;
    setBusy(true);
    setError(null);
    try {
      // Every status: a duplicate is often merged into a ticket already resolved.
      const page = await client.tickets({ q: `#${number}`, pageSize: 5 });
      const match = page.items.find((x) => x.number === number);
      if (match === undefined) setError(t('helpdesk.noSuchNumber', { number }));
      else {
        await onTicket(match.id);
        setText('');
      }
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="row" onSubmit={(e) => void submit(e)}>
      <Field label={label}>
        <input inputMode="numeric" value={text} placeholder={t('helpdesk.ticketNumber')} onChange={(e) => setText(e.target.value)} />
      </Field>
      <button type="submit" className="btn" disabled={busy || text.trim() === ''}>
        {button}
      </button>
      {error !== null && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** Merge a duplicate into its survivor, hang related tickets under one parent, and show both. */
export function TicketRelationsPanel({ ticketId, onChanged }: { readonly ticketId: string; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const res = useResource(`relations:${ticketId}`, (signal) => client.ticketRelations(ticketId, signal));
  const r = res.data;
  if (r === undefined) return null;
  const changed = () => {
    res.reload();
    onChanged();
  };
  return (
    <section className="panel" aria-labelledby="relations-title">
      <h2 id="relations-title">{t('helpdesk.relations')}</h2>
      {r.mergedInto !== null && (
        <>
          <h3>{t('helpdesk.mergedInto')}</h3>
          <RefList refs={[r.mergedInto]} />
        </>
      )}
      {r.parent !== null && (
        <>
          <h3>{t('helpdesk.parent')}</h3>
          <RefList refs={[r.parent]} />
          <button
            type="button"
            className="btn"
            onClick={() =>
              void client.setTicketParent(ticketId, null).then(changed, () => undefined)
            }
          >
            {t('helpdesk.unlink')}
          </button>
        </>
      )}
      {r.children.length > 0 && (
        <>
          <h3>{t('helpdesk.children')}</h3>
          <RefList refs={r.children} />
        </>
      )}
      {r.merged.length > 0 && (
        <>
          <h3>{t('helpdesk.mergedHere')}</h3>
          <RefList refs={r.merged} />
        </>
      )}
      {r.mergedInto === null && (
        <>
          <NumberAction label={t('helpdesk.mergeInto')} button={t('helpdesk.merge')} onTicket={async (id) => void (await client.mergeTicket(ticketId, id), changed())} />
          {r.parent === null && r.children.length === 0 && (
            <NumberAction label={t('helpdesk.linkUnder')} button={t('helpdesk.link')} onTicket={async (id) => void (await client.setTicketParent(ticketId, id), changed())} />
          )}
        </>
      )}
    </section>
  );
}
